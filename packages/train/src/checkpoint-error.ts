/**
 * What went wrong with a model directory or one of its files; `BAD_ARGUMENT` is something other than
 * a Map of files (a path, from plain JavaScript).
 */
export type CheckpointErrorCode =
  | 'BAD_ARGUMENT'
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

  /**
   * @param code - machine-readable reason
   * @param message - one sentence for a person
   */
  constructor(code: CheckpointErrorCode, message: string) {
    super(message);
    this.name = 'CheckpointError';
    this.code = code;
  }
}
