/** Exit code for success. */
export const EXIT_OK = 0;
/** Exit code for a runtime failure: the input was fine but the work failed. */
export const EXIT_FAILURE = 1;
/** Exit code for bad usage: a flag, a path or a dataset the user gave is wrong. */
export const EXIT_USAGE = 2;

/** Exit code after Ctrl-C, as shells report a process ended by SIGINT. */
export const EXIT_INTERRUPTED = 130;

/** The user stopped the command (Ctrl-C) and it wound down cleanly; the message says what was kept. */
export class Interrupted extends Error {
  override name = 'Interrupted';
}

/** The user asked for something that cannot work; the message says what to do instead. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * The one sentence shown to the user for an error. Errors we raise ourselves already read as a
 * sentence; anything unexpected keeps its message so a bug report has something to go on.
 *
 * @param error - what the command threw
 * @returns the message, without a trailing newline
 */
export function messageFor(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
