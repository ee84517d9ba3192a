import { longestItemLength } from './data-format.js';
import type { Hyperparameters, ModelEntry } from './model-entry.js';
import { ModelError } from './model-error.js';

/** What {@link resolveHyperparameters} may need from the data. */
export interface ResolveContext {
  /** The training items; sequence models with `blockSize` 0 use the longest one plus 1. */
  items?: readonly string[] | undefined;
}

/**
 * The complete hyperparameters of a model: the entry's defaults, overridden by `overrides`, checked.
 * For sequence models a `blockSize` of 0 (the default) becomes the longest item's length + 1, as
 * makemore's `max_word_length + 1`.
 *
 * @throws {@link ModelError} `BAD_HYPERPARAMETER` naming the bad key and the allowed ones
 * @example
 * ```ts
 * resolveHyperparameters(getModelEntry('mlp'), { nHidden: 300 });
 * // { blockSize: 3, nEmbd: 10, nHidden: 300 }
 * ```
 */
export function resolveHyperparameters(
  entry: ModelEntry,
  overrides: Readonly<Record<string, unknown>> = {},
  context: ResolveContext = {},
): Hyperparameters {
  const out: Hyperparameters = {};
  const known = Object.keys(entry.hyperparameters);
  for (const [key, value] of Object.entries(overrides)) {
    // An undefined value means "not given" (an absent command-line flag).
    if (value !== undefined && !known.includes(key)) {
      throw new ModelError(
        'BAD_HYPERPARAMETER',
        `The model '${entry.name}' has no hyperparameter '${key}'; it takes ${known.join(', ') || 'none'}.`,
      );
    }
  }
  for (const [key, spec] of Object.entries(entry.hyperparameters)) {
    const value = overrides[key] ?? spec.default;
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (spec.type === 'int'
        ? Number.isInteger(value) && (value > 0 || (key === 'blockSize' && value === 0))
        : value >= 0);
    if (!ok) {
      throw new ModelError(
        'BAD_HYPERPARAMETER',
        `The hyperparameter '${key}' of '${entry.name}' must be ${spec.type === 'int' ? 'a positive integer' : 'a non-negative number'}, got ${String(value)}.`,
      );
    }
    out[key] = value as number;
  }
  if (out['blockSize'] === 0) {
    if (!context.items || context.items.length === 0) {
      throw new ModelError(
        'BAD_HYPERPARAMETER',
        `The model '${entry.name}' derives blockSize from the data (longest item + 1); pass the items or set blockSize.`,
      );
    }
    out['blockSize'] = longestItemLength(context.items) + 1;
  }
  return out;
}
