import { CONFIG_FILE, TRAINING_STATE_FILE, WEIGHTS_FILE } from '@makemore/train';
import { ModelFilesError } from './model-files-error.js';

/**
 * The files of a model directory that the page reads: the config, the (best) weights and, when the
 * CLI or the page trained the model, the training state (steps and losses for the summary). The
 * resume-only files (`last.safetensors`, `optimizer.safetensors`) are left out: sampling and scoring
 * do not need them, and they are the bulk of a directory.
 */
export const MODEL_FILE_NAMES: readonly string[] = [CONFIG_FILE, WEIGHTS_FILE, TRAINING_STATE_FILE];

// Folders that archivers and file managers add beside the files someone meant to give.
const JUNK_FOLDERS = new Set(['__MACOSX']);

function segmentsOf(path: string): string[] {
  return path.split(/[\\/]/).filter((segment) => segment !== '' && segment !== '.');
}

/**
 * Picks, among the paths of a zip, a folder or some dropped files, the model directory's files: those
 * named as in {@link MODEL_FILE_NAMES}, at the root or in one folder (which is flattened). Other
 * files (`.DS_Store`, `last.safetensors`, a README) are ignored.
 *
 * @param paths - `/`-separated paths (a leading `/` is ignored)
 * @param where - what the paths come from, for messages: `the zip`, `the chosen folder`, ...
 * @returns file name (`config.json`, ...) → the path it is read from
 * @throws {@link ModelFilesError} `NESTED` for model files deeper than one folder, `SEVERAL_MODELS`
 *   for the files of more than one model (two `config.json`, or files in different folders)
 */
export function chooseModelPaths(paths: Iterable<string>, where: string): Map<string, string> {
  const chosen = new Map<string, string>();
  let folder: string | undefined;
  for (const path of paths) {
    const segments = segmentsOf(path);
    const name = segments.pop();
    if (name === undefined || !MODEL_FILE_NAMES.includes(name)) continue;
    if (segments.some((segment) => JUNK_FOLDERS.has(segment))) continue;
    if (segments.length > 1) {
      throw new ModelFilesError(
        'NESTED',
        `${name} is at ${path} in ${where}, more than one folder deep; give the model directory itself (the folder that holds config.json and model.safetensors).`,
      );
    }
    const here = segments.join('/');
    const earlier = chosen.get(name);
    if (earlier !== undefined || (folder !== undefined && folder !== here)) {
      throw new ModelFilesError(
        'SEVERAL_MODELS',
        `There are files of more than one model in ${where} (${earlier ?? [...chosen.values()][0]} and ${path}); give one model directory at a time.`,
      );
    }
    folder = here;
    chosen.set(name, path);
  }
  return chosen;
}
