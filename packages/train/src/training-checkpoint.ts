import { CheckpointError } from './checkpoint-error.js';
import { checkFileMap } from './file-map.js';
import { decodeModelDirectory, encodeModelDirectory, type ModelDirectory } from './model-directory.js';
import { decodeSafetensors, encodeSafetensors, type StoredTensor } from './safetensors.js';
import { parseTrainingState, type TrainingState } from './training-state.js';

/** Latest weights (for resuming), beside `model.safetensors` (the best-val weights, for sampling). */
export const LAST_WEIGHTS_FILE = 'last.safetensors';

/** Optimizer buffers (momentum, Adam moments) by `<buffer>.<parameter>`. */
export const OPTIMIZER_FILE = 'optimizer.safetensors';

/** Step, RNG state, recipe, optimizer scalars and loss history. */
export const TRAINING_STATE_FILE = 'training-state.json';

/**
 * A model directory that can be resumed: the {@link ModelDirectory} (config and best weights) plus the
 * latest weights, the optimizer state and the training state.
 */
export interface TrainingCheckpoint extends ModelDirectory {
  /** Weights and buffers at the checkpoint's step. */
  last: Map<string, StoredTensor>;
  /** Optimizer buffers. */
  optimizer: Map<string, StoredTensor>;
  /** Everything else a resumed run needs. */
  state: TrainingState;
}

/**
 * The files of a resumable model directory: `config.json`, `model.safetensors`, `last.safetensors`,
 * `optimizer.safetensors` and `training-state.json`. The caller writes them (atomically: all or none).
 */
export function encodeTrainingCheckpoint(checkpoint: TrainingCheckpoint): Map<string, Uint8Array> {
  const files = encodeModelDirectory(checkpoint);
  files.set(LAST_WEIGHTS_FILE, encodeSafetensors(checkpoint.last, { format: 'pt' }));
  files.set(OPTIMIZER_FILE, encodeSafetensors(checkpoint.optimizer));
  files.set(TRAINING_STATE_FILE, new TextEncoder().encode(`${JSON.stringify(checkpoint.state)}\n`));
  return files;
}

/** Whether the files hold what {@link decodeTrainingCheckpoint} needs (a directory from an older or partial run may not). */
export function isResumable(files: ReadonlyMap<string, Uint8Array>): boolean {
  return [LAST_WEIGHTS_FILE, OPTIMIZER_FILE, TRAINING_STATE_FILE].every((name) => files.has(name));
}

/**
 * Reads a resumable model directory.
 *
 * @throws {@link CheckpointError} naming the missing or malformed file
 */
export function decodeTrainingCheckpoint(
  files: ReadonlyMap<string, Uint8Array>,
  knownModels: readonly string[],
): TrainingCheckpoint {
  checkFileMap(files, 'decodeTrainingCheckpoint');
  const directory = decodeModelDirectory(files, knownModels);
  for (const name of [LAST_WEIGHTS_FILE, OPTIMIZER_FILE, TRAINING_STATE_FILE]) {
    if (!files.has(name)) {
      throw new CheckpointError(
        'MISSING_FILE',
        `The model directory has no ${name}, so training cannot be resumed from it; start a new run with \`createTrainingRun\` instead.`,
      );
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(files.get(TRAINING_STATE_FILE)!));
  } catch {
    throw new CheckpointError(
      'BAD_CONFIG',
      `${TRAINING_STATE_FILE} is not valid JSON, so training cannot be resumed; start a new run with \`createTrainingRun\` instead.`,
    );
  }
  return {
    ...directory,
    last: decodeSafetensors(files.get(LAST_WEIGHTS_FILE)!, LAST_WEIGHTS_FILE).tensors,
    optimizer: decodeSafetensors(files.get(OPTIMIZER_FILE)!, OPTIMIZER_FILE).tensors,
    state: parseTrainingState(json),
  };
}
