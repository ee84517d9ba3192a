import type { HyperparameterSpec } from './model-entry.js';

/** Whether `values` are 2, 4, 8, … without a gap, which reads better as "a power of 2". */
function consecutivePowersOfTwo(values: readonly number[]): boolean {
  return (
    values.length > 1 && values.every((v, i) => i === 0 || v === 2 * values[i - 1]!) && values[0]! % 2 === 0
  );
}

/**
 * The values a hyperparameter accepts, as a phrase for messages and help: `a positive integer`, `a
 * non-negative number`, `a power of 2 from 2 to 1024`, `an integer from 1 to 8`.
 *
 * @param spec - the hyperparameter's spec
 * @example
 * ```ts
 * describeRange(getModelEntry('mlp').hyperparameters.nHidden); // 'a positive integer'
 * ```
 */
export function describeRange(spec: HyperparameterSpec): string {
  const zero = spec.fromData ? ' (0: the longest item + 1)' : '';
  if (spec.values !== undefined) {
    const { values } = spec;
    return consecutivePowersOfTwo(values)
      ? `a power of 2 from ${values[0]} to ${values.at(-1)}`
      : `one of ${values.join(', ')}`;
  }
  const kind = spec.type === 'int' ? 'integer' : 'number';
  if (spec.max !== undefined)
    return `${spec.type === 'int' ? 'an' : 'a'} ${kind} from ${spec.min} to ${spec.max}${zero}`;
  if (spec.min === 0) return `a non-negative ${kind}${zero}`;
  if (spec.min === 1 && spec.type === 'int') return 'a positive integer';
  return `${spec.type === 'int' ? 'an' : 'a'} ${kind} of at least ${spec.min}${zero}`;
}

/**
 * Whether `value` is in the spec's range: a finite number of its type, within `min` and `max`, and one
 * of its `values` when it lists them.
 *
 * @param spec - the hyperparameter's spec
 * @param value - the value to check, of any type
 */
export function inRange(spec: HyperparameterSpec, value: unknown): value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (spec.type === 'int' && !Number.isInteger(value)) return false;
  if (spec.values !== undefined) return spec.values.includes(value);
  return value >= spec.min && (spec.max === undefined || value <= spec.max);
}
