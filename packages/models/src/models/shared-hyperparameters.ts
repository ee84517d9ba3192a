import type { HyperparameterSpec, Hyperparameters, PublishedParameterCount } from '../model-entry.js';

/**
 * A size (embedding width, hidden units, layers, heads): a positive integer.
 *
 * @param defaultValue - the lecture's or makemore's value
 * @param description - what it sizes, for the help
 */
export function positiveInteger(defaultValue: number, description: string): HyperparameterSpec {
  return { type: 'int', default: defaultValue, min: 1, description };
}

/**
 * The `blockSize` of makemore's sequence models: the longest sequence, by default (0) the longest
 * item + 1 as makemore's `max_word_length + 1`.
 */
export const SEQUENCE_BLOCK_SIZE: HyperparameterSpec = {
  type: 'int',
  default: 0,
  min: 0,
  fromData: true,
  description: 'longest sequence; 0 = longest item + 1 (makemore)',
};

/**
 * A hyperparameter that takes only the listed whole numbers (its range's `min` and `max` are theirs).
 *
 * @param defaultValue - the lecture's or makemore's value, one of `values`
 * @param values - the allowed values, in increasing order
 * @param description - what it controls, for the help
 */
export function oneOf(
  defaultValue: number,
  values: readonly number[],
  description: string,
): HyperparameterSpec {
  return { type: 'int', default: defaultValue, min: values[0]!, max: values.at(-1)!, values, description };
}

/**
 * A parameter count printed for names.txt (27 tokens in makemore's layout).
 *
 * @param hyperparameters - the hyperparameters it was printed for
 * @param count - the printed count
 * @param source - where it is printed
 */
export function onNamesTxt<H extends Hyperparameters>(
  hyperparameters: H,
  count: number,
  source: string,
): PublishedParameterCount<H> {
  return { hyperparameters, vocabSize: 27, count, source };
}
