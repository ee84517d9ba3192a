import { CodedError } from '@makemore/tensor';

/**
 * Why training stopped or could not start:
 * - `NON_FINITE`: the loss (or an evaluation) became NaN or infinite; the last good checkpoint is kept;
 * - `BAD_OPTIONS`: an option out of range (steps, batch size, learning rate, ...);
 * - `DATA_MISMATCH`: resuming on data whose fingerprint differs from the checkpoint's;
 * - `EMPTY_SPLIT`: a split needed for training or evaluation has no examples.
 */
export type TrainingErrorCode = 'NON_FINITE' | 'BAD_OPTIONS' | 'DATA_MISMATCH' | 'EMPTY_SPLIT';

/**
 * The error the training loop throws: one sentence that says what happened and what to do.
 *
 * @example
 * ```ts
 * try {
 *   await run.train({ save });
 * } catch (error) {
 *   if (error instanceof TrainingError && error.code === 'NON_FINITE') console.error(error.message);
 * }
 * ```
 */
export class TrainingError extends CodedError<TrainingErrorCode> {
  override name = 'TrainingError';
}
