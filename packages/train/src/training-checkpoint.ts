import type { TrainingRecipe } from '@makemore/models';
import type { OptimizerState } from '@makemore/nn';
import type { Generator } from '@makemore/tensor';
import { CheckpointError } from './checkpoint-error.js';
import { checkFileMap } from './file-map.js';
import type { ModelConfig } from './model-config.js';
import { decodeModelDirectory, encodeModelDirectory, type ModelDirectory } from './model-directory.js';
import { decodeSafetensors, encodeSafetensors, type StoredTensor } from './safetensors.js';
import {
  parseTrainingState,
  TRAINING_STATE_FORMAT,
  TRAINING_STATE_VERSION,
  type TrainingState,
} from './training-state.js';

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

/** A training run as its checkpoint records it: what {@link encodeRunCheckpoint} writes. */
export interface RunSnapshot {
  /** The run's `config.json`. */
  config: ModelConfig;
  /** Steps completed. */
  step: number;
  /** The seed the run started from. */
  seed: number;
  /** The recipe in effect. */
  recipe: TrainingRecipe;
  /** Gradient clipping threshold, or null. */
  gradClip: number | null;
  /** The batches' generator, at its current position. */
  generator: Generator;
  /** The optimizer's state; its tensors come read in `optimizerTensors`. */
  optimizer: OptimizerState;
  /** The optimizer's buffers, read back. */
  optimizerTensors: Map<string, StoredTensor>;
  /** The weights and buffers now, read back. */
  last: Map<string, StoredTensor>;
  /** The best evaluation so far and its weights, or null before the first. */
  best: { step: number; loss: number; weights: Map<string, StoredTensor> } | null;
  /** The loss history. */
  history: TrainingState['history'];
}

/**
 * The checkpoint files of a training run: `model.safetensors` holds the best weights so far (the
 * latest before any evaluation), `last.safetensors` the latest, and `training-state.json` the step,
 * RNG position, optimizer scalars, best loss and history that resuming needs.
 *
 * @param run - the run's state, its tensors read back
 * @returns file name to bytes, as {@link encodeTrainingCheckpoint} gives them
 */
export function encodeRunCheckpoint(run: RunSnapshot): Map<string, Uint8Array> {
  const state: TrainingState = {
    format: TRAINING_STATE_FORMAT,
    formatVersion: TRAINING_STATE_VERSION,
    step: run.step,
    seed: run.seed,
    recipe: run.recipe,
    gradClip: run.gradClip,
    generator: { algorithm: 'xoroshiro128plus', state: [...run.generator.getState().state] },
    optimizer: { type: run.optimizer.type, scalars: run.optimizer.scalars },
    best: run.best ? { step: run.best.step, loss: run.best.loss } : null,
    history: run.history,
  };
  return encodeTrainingCheckpoint({
    config: run.config,
    weights: run.best?.weights ?? run.last,
    last: run.last,
    optimizer: run.optimizerTensors,
    state,
  });
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
