import type { LanguageModel } from '@makemore/sampling';
import {
  CheckpointError,
  CONFIG_FILE,
  decodeModelDirectory,
  isCountModel,
  knownModelTypes,
  loadCountModel,
  loadModelDirectory,
  type ModelConfig,
  parseTrainingState,
  TRAINING_STATE_FILE,
  type TrainingState,
} from '@makemore/train';
import { modelSummary } from './model-summary.js';

/** A model read from a model directory's files. */
export interface LoadedModelFiles {
  /** The validated config. */
  config: ModelConfig;
  /** The model, ready to sample, score and show the next-character distribution of. */
  model: LanguageModel;
  /** Trainable parameters; for a count model, the entries of its table. */
  parameters: number;
  /** The directory's `training-state.json` (steps, recipe, split seed, losses), when it has a valid one. */
  state: TrainingState | null;
  /** One line about it for the page: type, size, data, steps and best loss. */
  summary: string;
  /**
   * Text as the model reads it: lower-cased when it was trained on lower-cased items (`makemore train
   * --lowercase`), as the CLI treats a prefix or a word to score. Pass prefixes and items through it.
   */
  asTrained(text: string): string;
  /** Frees a neural model's tensors (GL textures on the gpu.js backend); the model is unusable after. */
  dispose(): void;
}

// Which loader: the recorded model type decides; both loaders validate the whole directory.
function recordedModel(files: ReadonlyMap<string, Uint8Array>): unknown {
  try {
    return (JSON.parse(new TextDecoder().decode(files.get(CONFIG_FILE))) as { model?: unknown }).model;
  } catch {
    return undefined;
  }
}

// A damaged training-state.json does not stop sampling (the CLI samples such a directory too); the
// summary then just has no training figures.
function trainingState(files: ReadonlyMap<string, Uint8Array>): TrainingState | null {
  const bytes = files.get(TRAINING_STATE_FILE);
  if (bytes === undefined) return null;
  try {
    return parseTrainingState(JSON.parse(new TextDecoder().decode(bytes)));
  } catch (error) {
    if (error instanceof SyntaxError || error instanceof CheckpointError) return null;
    throw error;
  }
}

interface Built {
  config: ModelConfig;
  model: LanguageModel;
  parameters: number;
  dispose(): void;
}

function build(files: ReadonlyMap<string, Uint8Array>): Built {
  const recorded = recordedModel(files);
  if (typeof recorded === 'string' && isCountModel(recorded)) {
    const directory = decodeModelDirectory(files, knownModelTypes());
    // The entries of its table of counts (the n-gram's `contexts` are only the table's row keys).
    const parameters = directory.weights.get('counts')?.shape.reduce((size, d) => size * d, 1) ?? 0;
    // A count model is plain arrays: nothing to free.
    return { config: directory.config, model: loadCountModel(directory), parameters, dispose: () => {} };
  }
  const loaded = loadModelDirectory(files);
  return {
    config: loaded.config,
    model: loaded.languageModel,
    parameters: loaded.model.numParameters(),
    dispose: () => loaded.model.dispose(),
  };
}

/**
 * Reads a model directory of any type the CLI or the page writes: a count model (bigram, n-gram) or
 * any neural model of the registry, whose tensors are created on the tensor core's default backend
 * (the device the page trained on last), as `makemore sample --model-dir` reads it.
 *
 * @param files - file name → bytes (from `modelFilesFromList`, `modelFilesFromDrop`, `filesFromZip`
 *   or a training run): `config.json` and `model.safetensors`, and `training-state.json` if there is one
 * @returns the model, its summary and a way to free it
 * @throws CheckpointError naming the file when one is missing or damaged, the model type is unknown
 *   or the weights do not fit the config
 */
export function loadModelFiles(files: ReadonlyMap<string, Uint8Array>): LoadedModelFiles {
  const { config, model, parameters, dispose } = build(files);
  const state = trainingState(files);
  const lowercase = config.data.lowercase === true;
  return {
    config,
    model,
    parameters,
    state,
    summary: modelSummary(config, parameters, state),
    asTrained: (text) => (lowercase ? text.toLowerCase() : text),
    dispose,
  };
}
