import type { LanguageModel } from '@makemore/sampling';
import {
  countModelSplit,
  isCountModel,
  loadModel as loadModelFiles,
  type ModelConfig,
  parseTrainingState,
  TRAINING_STATE_FILE,
} from '@makemore/train';
import type { SplitRecipe } from './known-items.js';
import { readModelDirectory } from './model-store.js';

/** A model read from disk. */
export interface ModelOnDisk {
  /** The validated config. */
  config: ModelConfig;
  /** The model, ready to sample, score and evaluate. */
  model: LanguageModel;
  /** How the training data was split, where the directory records it. */
  split: SplitRecipe | undefined;
}

function neuralSplit(files: ReadonlyMap<string, Uint8Array>): SplitRecipe | undefined {
  const bytes = files.get(TRAINING_STATE_FILE);
  if (bytes === undefined) return undefined;
  const state = parseTrainingState(JSON.parse(new TextDecoder().decode(bytes)));
  return { seed: state.seed, scheme: state.recipe.split };
}

/**
 * Reads and validates a model directory of any model type and builds its model.
 *
 * @param dir - the `--model-dir` path
 * @returns the config and the model
 */
export async function loadModel(dir: string): Promise<ModelOnDisk> {
  const files = await readModelDirectory(dir);
  const { config, languageModel } = loadModelFiles(files);
  const split = isCountModel(config.model) ? countModelSplit(config.hyperparameters) : neuralSplit(files);
  return { config, model: languageModel, split };
}
