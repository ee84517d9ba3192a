import { DataError } from '@makemore/data';
import { ModelError } from '@makemore/models';
import { SamplingError } from '@makemore/sampling';
import { CheckpointError, TrainingError } from '@makemore/train';

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

// Data problems the user can fix by giving other input count as usage errors (exit 2); a failed
// download is a runtime failure (exit 1) since the same command may work later.
const RUNTIME_DATA_ERRORS = new Set<DataError['code']>(['DOWNLOAD_FAILED', 'CHECKSUM_MISMATCH']);

/**
 * Chooses the exit code for an error thrown by a command.
 *
 * @param error - what the command threw
 * @returns 2 for bad usage, 1 for anything else
 */
export function exitCodeFor(error: unknown): number {
  if (error instanceof Interrupted) return EXIT_INTERRUPTED;
  if (error instanceof UsageError || error instanceof SamplingError || error instanceof ModelError)
    return EXIT_USAGE;
  // Resuming with other data is a usage error; a loss that became NaN is a runtime failure.
  if (error instanceof TrainingError) return error.code === 'NON_FINITE' ? EXIT_FAILURE : EXIT_USAGE;
  if (error instanceof DataError) return RUNTIME_DATA_ERRORS.has(error.code) ? EXIT_FAILURE : EXIT_USAGE;
  if (error instanceof CheckpointError) return error.code === 'MISSING_FILE' ? EXIT_USAGE : EXIT_FAILURE;
  return EXIT_FAILURE;
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
