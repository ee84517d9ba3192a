/**
 * Why a set of files, a folder or a zip could not be taken as a model directory: `NOT_ZIP` (bytes that
 * are not a zip archive, or a damaged one), `TOO_LARGE` (more than the page reads), `NESTED` (the
 * model's files sit deeper than one folder), `SEVERAL_MODELS` (files of more than one model).
 */
export type ModelFilesErrorCode = 'NOT_ZIP' | 'TOO_LARGE' | 'NESTED' | 'SEVERAL_MODELS';

/**
 * Files the page was given that do not make one model directory. The message is one sentence for the
 * page that says what to give instead. A directory that is only missing a file gets `@makemore/train`'s
 * `CheckpointError` (`MISSING_FILE`) from `loadModelFiles` instead, naming the file.
 */
export class ModelFilesError extends Error {
  /** Machine-readable reason. */
  readonly code: ModelFilesErrorCode;

  /**
   * @param code - machine-readable reason
   * @param message - one sentence for a person
   */
  constructor(code: ModelFilesErrorCode, message: string) {
    super(message);
    this.name = 'ModelFilesError';
    this.code = code;
  }
}
