/**
 * What kind of problem a {@link SamplingError} is, as a stable string callers can switch on:
 * - `BAD_OPTION`: an option of generate or averageNll is out of range (count, seed, temperature, top-k, ...);
 * - `BAD_ARGUMENT`: an argument of the wrong kind, such as one word where an array of words belongs.
 */
export type SamplingErrorCode = 'BAD_OPTION' | 'BAD_ARGUMENT';

/**
 * An option or argument of generate or score that cannot work; the message is one sentence that says
 * which and what to pass instead.
 *
 * @example
 * ```ts
 * try {
 *   await generate(model, { count: 10, seed: 1, topP: 2 });
 * } catch (error) {
 *   if (error instanceof SamplingError && error.code === 'BAD_OPTION') console.error(error.message);
 * }
 * ```
 */
export class SamplingError extends Error {
  override name = 'SamplingError';
  /** What kind of problem this is; see {@link SamplingErrorCode}. */
  readonly code: SamplingErrorCode;

  /**
   * @param code - what kind of problem this is
   * @param message - one sentence that says what went wrong and what to do
   */
  constructor(code: SamplingErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
