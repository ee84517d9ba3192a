import { loadCountModel } from '../count/count-model.js';
import { isCountModel } from '../count/count-model-names.js';
import { checkFileMap } from '../file-map.js';
import { loadModelDirectory } from '../load-model.js';
import type { DoneEvent } from '../loop/events.js';
import { decodeModelDirectory } from '../model-directory.js';
import { knownModelTypes } from '../model-types.js';
import { Model } from './model.js';

/**
 * Loads a model directory of any type (count bigram, n-gram or any neural model) from its files.
 *
 * @param files - file name to bytes, as `Model.save` or the CLI's `train --out` wrote them; in Node,
 *   `readModelDirectory(path)` from `@makemore/train/node` reads them
 * @throws {@link CheckpointError} for a missing or malformed file, an unknown model type or weights
 *   that do not fit the config; `BAD_ARGUMENT` for a path instead of the files
 * @example
 * ```ts
 * const model = loadModel(files);
 * const { items } = await model.sample({ count: 5, seed: 1 });
 * ```
 */
export function loadModel(files: ReadonlyMap<string, Uint8Array>): Model {
  return modelFromFiles(files, null, 'loadModel');
}

/** @internal The model of a directory's files, with the training summary when it was just trained. */
export function modelFromFiles(
  files: ReadonlyMap<string, Uint8Array>,
  training: DoneEvent | null,
  fn = 'loadModel',
): Model {
  checkFileMap(files, fn);
  const copy = new Map([...files].map(([name, bytes]) => [name, Uint8Array.from(bytes)]));
  const directory = decodeModelDirectory(copy, knownModelTypes());
  if (isCountModel(directory.config.model)) {
    return new Model(directory.config, loadCountModel(directory), copy, training);
  }
  const { config, languageModel } = loadModelDirectory(copy);
  return new Model(config, languageModel, copy, training);
}
