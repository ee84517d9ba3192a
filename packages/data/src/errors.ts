/**
 * What went wrong, as a stable string that callers can switch on (the CLI maps each code to an exit
 * status and a hint) without parsing the message.
 *
 * - `EMPTY`: the input has no items.
 * - `TOO_LONG`: an item is longer than items of a character-level model can sensibly be.
 * - `BINARY`: the bytes contain a NUL byte, so they are almost certainly not a text file.
 * - `INVALID_UTF8`: the bytes are not valid UTF-8.
 * - `UNKNOWN_CHARACTER`: a character or token is not in the vocabulary.
 * - `BAD_ARGUMENT`: an option or a serialized object is out of range or malformed.
 * - `DOWNLOAD_FAILED`: a remote dataset could not be fetched.
 * - `CHECKSUM_MISMATCH`: a remote or cached dataset does not have the expected sha256.
 * - `UNKNOWN_DATASET`: a built-in dataset name that does not exist.
 */
export type DataErrorCode =
  | 'EMPTY'
  | 'TOO_LONG'
  | 'BINARY'
  | 'INVALID_UTF8'
  | 'UNKNOWN_CHARACTER'
  | 'BAD_ARGUMENT'
  | 'DOWNLOAD_FAILED'
  | 'CHECKSUM_MISMATCH'
  | 'UNKNOWN_DATASET';

/**
 * The error every function of `@makemore/data` throws for bad input. The message is one sentence that
 * says what to do; `code` says what kind of problem it is.
 *
 * @example
 * ```ts
 * try {
 *   Vocab.fromItems(['ab']).encode('abc');
 * } catch (error) {
 *   if (error instanceof DataError && error.code === 'UNKNOWN_CHARACTER') console.error(error.message);
 * }
 * ```
 */
export class DataError extends Error {
  /** What kind of problem this is; see {@link DataErrorCode}. */
  readonly code: DataErrorCode;

  /**
   * @param code - what kind of problem this is.
   * @param message - one sentence that says what went wrong and what to do.
   * @param options - standard `ErrorOptions`, e.g. the `cause` of a failed download.
   */
  constructor(code: DataErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DataError';
    this.code = code;
  }
}
