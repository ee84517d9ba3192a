import type { LanguageModel } from '@makemore/sampling';
import { decodeModelDirectory, type ModelDirectory } from '@makemore/train';
import { readModelDirectory } from './model-store.js';
import { MODEL_KINDS, MODEL_NAMES } from './models/registry.js';

/** A model read from disk, with the directory it came from. */
export interface ModelOnDisk {
  /** The validated directory contents. */
  directory: ModelDirectory;
  /** The model, ready to sample and score. */
  model: LanguageModel;
}

/**
 * Builds the model of a model directory through the registry.
 *
 * @param directory - a validated model directory
 * @returns the model, ready to sample and score
 */
export function loadedModelFrom(directory: ModelDirectory): LanguageModel {
  return MODEL_KINDS.get(directory.config.model)!.load(directory);
}

/**
 * Reads and validates a model directory and builds its model through the registry.
 *
 * @param dir - the `--model-dir` path
 * @returns the directory and the model
 */
export async function loadModelDirectory(dir: string): Promise<ModelOnDisk> {
  const directory = decodeModelDirectory(await readModelDirectory(dir), MODEL_NAMES);
  return { directory, model: loadedModelFrom(directory) };
}
