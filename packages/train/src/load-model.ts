import { asLanguageModel, type CharModel, getModelEntry } from '@makemore/models';
import type { LanguageModel } from '@makemore/sampling';
import { Generator } from '@makemore/tensor';
import { CheckpointError } from './checkpoint-error.js';
import { configHyperparameters } from './config-hyperparameters.js';
import { isCountModel } from './count/count-model-names.js';
import { checkFileMap } from './file-map.js';
import type { ModelConfig } from './model-config.js';
import { decodeModelDirectory } from './model-directory.js';
import { knownModelTypes } from './model-types.js';
import { storedToValues } from './stored-tensors.js';

/** A model directory loaded for sampling, scoring and evaluation. */
export interface LoadedModel {
  /** The validated `config.json`. */
  config: ModelConfig;
  /** The model with the weights of `model.safetensors`, in eval mode. */
  model: CharModel;
  /** The model as a `LanguageModel` for `@makemore/sampling`. */
  languageModel: LanguageModel;
}

/**
 * Loads the directory of a neural model (any type of the `@makemore/models` registry) into a ready
 * {@link LanguageModel}, with the network itself. `loadModel` takes every model type, the count
 * models too.
 *
 * @param files - file name to bytes; `config.json` and `model.safetensors` are needed
 * @throws {@link CheckpointError} `BAD_ARGUMENT` for a path instead of the files; for a missing or malformed file, an unknown model, or weights that do not fit the config
 * @example
 * ```ts
 * const { languageModel } = loadModelDirectory(files);
 * const words = await generate(languageModel, { count: 10, seed: 1 });
 * ```
 */
export function loadModelDirectory(files: ReadonlyMap<string, Uint8Array>): LoadedModel {
  checkFileMap(files, 'loadModelDirectory');
  const { config, weights } = decodeModelDirectory(files, knownModelTypes());
  if (isCountModel(config.model)) {
    throw new CheckpointError(
      'UNKNOWN_MODEL',
      `The directory holds a count ${config.model}, which has no neural network; load it with loadModel(files), which takes every model type.`,
    );
  }
  const entry = getModelEntry(config.model);
  const hyperparameters = configHyperparameters(entry, config);
  let model: CharModel;
  try {
    model = entry.create(hyperparameters, { vocabSize: config.vocab.size, generator: new Generator(0) });
    model.loadStateDict(storedToValues(weights));
  } catch (error) {
    if (error instanceof CheckpointError) throw error;
    throw new CheckpointError(
      'WEIGHTS_MISMATCH',
      `model.safetensors does not fit the ${config.model} model of config.json: ${(error as Error).message}`,
    );
  }
  model.eval();
  return { config, model, languageModel: asLanguageModel(model, config.vocab) };
}
