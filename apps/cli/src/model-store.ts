import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CheckpointError, CONFIG_FILE, TRAINING_STATE_FILE } from '@makemore/train';
import {
  readModelDirectory as readDirectory,
  writeModelDirectory as writeDirectory,
} from '@makemore/train/node';
import { UsageError } from './errors.js';

/**
 * Writes a model directory atomically (see `writeModelDirectory` of `@makemore/train/node`), saying a
 * refusal to replace someone's files in the CLI's words.
 *
 * @param dir - the `--out` directory
 * @param files - file name to bytes
 * @throws UsageError when `dir` exists and is not a model directory
 */
export async function writeModelDirectory(
  dir: string,
  files: ReadonlyMap<string, Uint8Array>,
): Promise<void> {
  try {
    await writeDirectory(dir, files);
  } catch (error) {
    if (error instanceof CheckpointError && error.code === 'NOT_MODEL_DIRECTORY') {
      // The library says "choose another path"; here the path is the --out flag's.
      throw new UsageError(error.message.replace('choose another path', 'choose another --out path'));
    }
    throw error;
  }
}

/**
 * Reads every file of a model directory (see `readModelDirectory` of `@makemore/train/node`), saying
 * what is missing in the CLI's words.
 *
 * @param dir - the `--model-dir` (or `--out`) directory
 * @returns file name to bytes
 * @throws UsageError when there is no such directory, or it lacks config.json or model.safetensors
 */
export async function readModelDirectory(dir: string): Promise<Map<string, Uint8Array>> {
  try {
    return await readDirectory(dir);
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    if (error.code === 'NO_DIRECTORY') {
      throw new UsageError(
        `There is no model directory at ${dir}; train one with \`makemore train --out ${dir}\`.`,
      );
    }
    if (error.code === 'NOT_A_DIRECTORY') {
      throw new UsageError(
        `${dir} is not a directory; give the directory that \`makemore train --out\` wrote.`,
      );
    }
    if (error.code === 'MISSING_FILE') {
      throw new UsageError(
        `The model directory has no ${error.file}; give a directory written by \`makemore train --out\`.`,
      );
    }
    throw error;
  }
}

/**
 * What a directory holds, for the sentence that refuses to overwrite it: e.g. `mlp (step 20,000)`,
 * `bigram`, or null when there is no model there. Read loosely: a damaged model is still a model the
 * user may want to keep.
 *
 * @param dir - a directory that may hold a model
 */
export async function describeStoredModel(dir: string): Promise<string | null> {
  const read = async (name: string): Promise<Record<string, unknown> | null> => {
    const text = await readFile(join(dir, name), 'utf8').catch(() => null);
    if (text === null) return null;
    try {
      const json: unknown = JSON.parse(text);
      return typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  const config = await read(CONFIG_FILE);
  if (config === null) return null;
  const model = typeof config['model'] === 'string' ? config['model'] : 'model';
  const step = (await read(TRAINING_STATE_FILE))?.['step'];
  return typeof step === 'number' ? `${model} (step ${step.toLocaleString('en-US')})` : model;
}
