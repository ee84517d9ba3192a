import { CodedError } from '@makemore/tensor';

/**
 * What went wrong in `@makemore/models`:
 * - `UNKNOWN_MODEL`: no registry entry has that name;
 * - `BAD_HYPERPARAMETER`: an unknown hyperparameter, or a value out of range;
 * - `BAD_DATA`: items that do not fit the model (too long for its block size, empty).
 */
export type ModelErrorCode = 'UNKNOWN_MODEL' | 'BAD_HYPERPARAMETER' | 'BAD_DATA';

/**
 * The error `@makemore/models` throws for bad input: one sentence that says what to do, plus a code
 * the CLI maps to an exit status.
 *
 * @example
 * ```ts
 * try {
 *   getModelEntry('lstm');
 * } catch (error) {
 *   if (error instanceof ModelError) console.error(error.message); // names the known models
 * }
 * ```
 */
export class ModelError extends CodedError<ModelErrorCode> {
  override name = 'ModelError';
}
