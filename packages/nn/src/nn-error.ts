import { CodedError } from '@makemore/tensor';

/**
 * What went wrong in `@makemore/nn`, as a stable string callers can switch on.
 *
 * - `BAD_ARGUMENT`: a size, rate or option is out of range.
 * - `SHAPE`: an input tensor has the wrong shape for the layer.
 * - `STATE_MISMATCH`: a state dict (weights or optimizer state) does not fit the module or optimizer.
 */
export type NnErrorCode = 'BAD_ARGUMENT' | 'SHAPE' | 'STATE_MISMATCH';

/**
 * The error `@makemore/nn` throws for bad input: one sentence that says what to do, plus a code.
 *
 * @example
 * ```ts
 * try {
 *   new Linear(3, 0, { generator });
 * } catch (error) {
 *   if (error instanceof NnError) console.error(error.code, error.message);
 * }
 * ```
 */
export class NnError extends CodedError<NnErrorCode> {
  override name = 'NnError';
}

/** @internal Throws `BAD_ARGUMENT` unless `value` is a positive integer. */
export function assertPositiveInteger(what: string, value: number): void {
  if (!Number.isInteger(value) || value <= 0) {
    throw new NnError('BAD_ARGUMENT', `${what} must be a positive integer, got ${value}.`);
  }
}

/** Throws `SHAPE` with the expected and actual shapes. */
export function shapeError(layer: string, expected: string, shape: readonly number[]): NnError {
  return new NnError('SHAPE', `${layer} expects input of shape ${expected}, got [${shape.join(', ')}].`);
}
