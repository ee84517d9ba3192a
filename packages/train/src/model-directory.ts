import { Vocab } from '@makemore/data';
import { CheckpointError } from './checkpoint-error.js';
import { checkFileMap } from './file-map.js';
import { type ModelConfig, parseModelConfig, stringifyModelConfig } from './model-config.js';
import { decodeSafetensors, encodeSafetensors, type StoredTensor } from './safetensors.js';

/** Name of the config file inside a model directory. */
export const CONFIG_FILE = 'config.json';

/** Name of the weights file inside a model directory (safetensors, loadable from PyTorch). */
export const WEIGHTS_FILE = 'model.safetensors';

/** A model directory in memory: its validated config and its named weights. */
export interface ModelDirectory {
  /** The contents of `config.json`. */
  config: ModelConfig;
  /** The tensors of `model.safetensors`, by parameter name. */
  weights: Map<string, StoredTensor>;
}

/**
 * Checks a config with the very schema that reading applies, so that a directory that was written
 * always loads: plain JavaScript can pass any `data`, e.g. a fingerprint of `'none'`.
 *
 * @param config - the config about to be written
 * @throws {@link CheckpointError} `BAD_CONFIG` saying what would fail to load
 */
export function checkConfigForWrite(config: ModelConfig): void {
  if (!(config?.vocab instanceof Vocab)) {
    throw new CheckpointError(
      'BAD_CONFIG',
      'The model config has no vocab built by Vocab.fromItems, so nothing was written.',
    );
  }
  try {
    parseModelConfig(JSON.parse(stringifyModelConfig(config)), [config.model]);
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    throw new CheckpointError(
      'BAD_CONFIG',
      `Nothing was written, since the model directory would not load again: ${error.message}`,
    );
  }
}

/**
 * Turns a model directory into its files, ready for the caller to write (atomically) wherever it keeps
 * them; this package never touches a file system, so the same code runs in the browser.
 *
 * @param directory - config and weights
 * @returns file name to bytes
 * @throws {@link CheckpointError} `BAD_CONFIG` when the config would not validate on reading
 */
export function encodeModelDirectory(directory: ModelDirectory): Map<string, Uint8Array> {
  checkConfigForWrite(directory.config);
  return new Map([
    [CONFIG_FILE, new TextEncoder().encode(stringifyModelConfig(directory.config))],
    [WEIGHTS_FILE, encodeSafetensors(directory.weights, { format: 'pt' })],
  ]);
}

function requireFile(files: ReadonlyMap<string, Uint8Array>, name: string): Uint8Array {
  const bytes = files.get(name);
  if (bytes === undefined) {
    throw new CheckpointError(
      'MISSING_FILE',
      `The model directory has no ${name}; pass the files a training run saved (the \`save\` callback of \`TrainingRun.train\`) or that \`encodeModelDirectory\` returned.`,
    );
  }
  return bytes;
}

/**
 * Reads a model directory from its files, validating the config and the weights.
 *
 * @param files - file name to bytes; at least `config.json` and `model.safetensors`
 * @param knownModels - model types the caller can build; others are rejected
 * @returns the validated directory
 * @throws CheckpointError when a file is missing, malformed or from a newer format
 */
export function decodeModelDirectory(
  files: ReadonlyMap<string, Uint8Array>,
  knownModels: readonly string[],
): ModelDirectory {
  checkFileMap(files, 'decodeModelDirectory');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(requireFile(files, CONFIG_FILE)));
  } catch (error) {
    if (error instanceof CheckpointError) throw error;
    throw new CheckpointError(
      'BAD_CONFIG',
      `${CONFIG_FILE} is not valid JSON; restore the file or train the model again.`,
    );
  }
  const config = parseModelConfig(json, knownModels);
  const weights = decodeSafetensors(requireFile(files, WEIGHTS_FILE), WEIGHTS_FILE).tensors;
  return { config, weights };
}
