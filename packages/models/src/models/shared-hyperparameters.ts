import type { HyperparameterSpec } from '../model-entry.js';

/**
 * A size (embedding width, hidden units, layers, heads): a positive integer.
 *
 * @param defaultValue - the lecture's or makemore's value
 */
export function positiveInteger(defaultValue: number): HyperparameterSpec {
  return { type: 'int', default: defaultValue, min: 1 };
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
};

/**
 * A hyperparameter that takes only the listed whole numbers (its range's `min` and `max` are theirs).
 *
 * @param defaultValue - the lecture's or makemore's value, one of `values`
 * @param values - the allowed values, in increasing order
 */
export function oneOf(defaultValue: number, values: readonly number[]): HyperparameterSpec {
  return { type: 'int', default: defaultValue, min: values[0]!, max: values.at(-1)!, values };
}
