import { longestItemLength } from './data-format.js';
import { describeRange, inRange } from './hyperparameter-range.js';
import type { HyperparameterSpec, Hyperparameters, ModelEntry } from './model-entry.js';
import { ModelError } from './model-error.js';

/** What {@link resolveHyperparameters} may need from the data. */
export interface ResolveContext {
  /** The training items; sequence models with `blockSize` 0 use the longest one plus 1. */
  items?: readonly string[] | undefined;
}

/**
 * The complete hyperparameters of a model: the entry's defaults, overridden by `overrides`, each
 * checked against its spec's range. A hyperparameter whose spec is `fromData` (the `blockSize` of
 * sequence models) and is 0 (the default) becomes the longest item's length + 1, as makemore's
 * `max_word_length + 1`.
 *
 * @throws {@link ModelError} `BAD_HYPERPARAMETER` naming the bad key and the allowed ones, or the range
 * @example
 * ```ts
 * resolveHyperparameters(getModelEntry('mlp'), { nHidden: 300 });
 * // { blockSize: 3, nEmbd: 10, nHidden: 300 }
 * ```
 */
export function resolveHyperparameters<H extends Hyperparameters>(
  entry: ModelEntry<H>,
  overrides: Readonly<Record<string, unknown>> = {},
  context: ResolveContext = {},
): H {
  const specs = Object.entries(entry.hyperparameters) as [string, HyperparameterSpec][];
  const known = specs.map(([key]) => key);
  for (const [key, value] of Object.entries(overrides)) {
    // An undefined value means "not given" (an absent command-line flag).
    if (value !== undefined && !known.includes(key)) {
      throw new ModelError(
        'BAD_HYPERPARAMETER',
        `The model '${entry.name}' has no hyperparameter '${key}'; it takes ${known.join(', ') || 'none'}.`,
      );
    }
  }
  const resolved = specs.map(([key, spec]): [string, number] => {
    const value = overrides[key] ?? spec.default;
    if (!inRange(spec, value)) {
      throw new ModelError(
        'BAD_HYPERPARAMETER',
        `The hyperparameter '${key}' of '${entry.name}' must be ${describeRange(spec)}, got ${String(value)}.`,
      );
    }
    return [key, spec.fromData && value === 0 ? fromData(entry.name, key, context) : value];
  });
  return Object.fromEntries(resolved) as H;
}

/** makemore's `max_word_length + 1`, for a hyperparameter left at 0. */
function fromData(model: string, key: string, context: ResolveContext): number {
  if (!context.items || context.items.length === 0) {
    throw new ModelError(
      'BAD_HYPERPARAMETER',
      `The model '${model}' derives ${key} from the data (longest item + 1); pass the items or set ${key}.`,
    );
  }
  return longestItemLength(context.items) + 1;
}
