/**
 * What went wrong with a model directory or one of its files; `BAD_ARGUMENT` is something other than
 * a Map of files (a path, from plain JavaScript). The Node helpers of `@makemore/train/node` add
 * `NO_DIRECTORY` (nothing at the path), `NOT_A_DIRECTORY` (a file at the path), `NOT_MODEL_DIRECTORY` (a
 * directory of other files, which they never replace) and `WRITE_FAILED` (the previous model is unchanged).
 */
export type CheckpointErrorCode =
  | 'BAD_ARGUMENT'
  | 'NO_DIRECTORY'
  | 'NOT_A_DIRECTORY'
  | 'NOT_MODEL_DIRECTORY'
  | 'WRITE_FAILED'
  | 'MISSING_FILE'
  | 'CORRUPT_WEIGHTS'
  | 'BAD_CONFIG'
  | 'NEWER_FORMAT'
  | 'UNKNOWN_MODEL'
  | 'WEIGHTS_MISMATCH';

/**
 * A model directory that cannot be read: a missing file, corrupted weights or a config that does not
 * validate. The message is one sentence that names the file and says what to do.
 */
export class CheckpointError extends Error {
  /** Machine-readable reason, stable across versions. */
  readonly code: CheckpointErrorCode;
  /** The file of the directory the error is about (`config.json`, ...), where it is about one. */
  readonly file: string | undefined;

  /**
   * @param code - machine-readable reason
   * @param message - one sentence for a person
   * @param file - the file it is about, where there is one
   */
  constructor(code: CheckpointErrorCode, message: string, file?: string) {
    super(message);
    this.name = 'CheckpointError';
    this.code = code;
    this.file = file;
  }
}
