import { DataError } from '@makemore/data';
import { ModelError } from '@makemore/models';
import { SamplingError } from '@makemore/sampling';
import { CheckpointError, TrainingError } from '@makemore/train';
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_USAGE, Interrupted, UsageError } from './errors.js';

// Kept apart from errors.ts: telling the packages' errors apart loads the packages, which a
// command that succeeds (or `--help`) never needs.

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
