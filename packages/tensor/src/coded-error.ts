/**
 * The base of the toolkit's error classes: a message of one sentence that says what went wrong and what
 * to do, and a `code` that callers switch on without parsing the message. Each package subclasses it
 * with its own `name` and codes (`NnError`, `ModelError`, `TrainingError`), so that `instanceof` tells
 * which package an error came from.
 *
 * @typeParam Code - the codes of the subclass, a union of string literals.
 *
 * @example
 * ```ts
 * type ParseErrorCode = 'EMPTY' | 'TOO_LONG';
 * class ParseError extends CodedError<ParseErrorCode> {
 *   override name = 'ParseError';
 * }
 * const error = new ParseError('EMPTY', 'The file has no lines; give one item per line.');
 * error.code; // 'EMPTY'
 * error instanceof CodedError; // true
 * ```
 */
export class CodedError<Code extends string> extends Error {
  /** What kind of problem this is. */
  readonly code: Code;

  /**
   * @param code - what kind of problem this is.
   * @param message - one sentence that says what went wrong and what to do.
   */
  constructor(code: Code, message: string) {
    super(message);
    this.code = code;
  }
}
