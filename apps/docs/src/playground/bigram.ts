import { BigramCounts, BigramModel } from '@makemore/bigram';
import { fingerprintItems, Vocab } from '@makemore/data';
import {
  CheckpointError,
  decodeModelDirectory,
  encodeModelDirectory,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  type ModelDirectory,
} from '@makemore/train';
import type { PlaygroundData } from './data.js';

/** The bigram model the playground trained, with what its model directory records. */
export interface TrainedBigram {
  /** The model. */
  model: BigramModel;
  /** The data it was trained on. */
  data: PlaygroundData;
  /** The split's seed. */
  seed: number;
}

/**
 * Trains the count bigram as `makemore train --model bigram` does by default (`--split none`): the
 * counts of every item, as the lecture counts all of names.txt.
 *
 * @param data - the items
 * @param smoothing - add-α smoothing
 * @param seed - the seed recorded in the model directory, as the CLI records it
 * @returns the model
 */
export function trainBigram(data: PlaygroundData, smoothing: number, seed: number): TrainedBigram {
  const vocab = Vocab.fromItems(data.items);
  const counts = BigramCounts.fromItems(data.items, vocab);
  return { model: BigramModel.fromCounts(counts, smoothing), data, seed };
}

/**
 * The model directory of a trained bigram, in the format `makemore sample --model-dir` reads: the
 * same config fields and the same `counts` tensor the CLI writes.
 *
 * @param trained - the model and its data
 * @param created - the creation time to record
 * @returns file name → bytes: `config.json` and `model.safetensors`
 */
export async function bigramModelFiles(
  trained: TrainedBigram,
  created: Date = new Date(),
): Promise<Map<string, Uint8Array>> {
  const { model, data, seed } = trained;
  const { vocab } = model;
  const directory: ModelDirectory = {
    config: {
      format: MODEL_FORMAT,
      formatVersion: MODEL_FORMAT_VERSION,
      model: 'bigram',
      hyperparameters: { smoothing: model.smoothing, seed, split: 'none', lowercase: false },
      vocab,
      data: {
        source: data.source,
        fingerprint: await fingerprintItems(data.items),
        items: data.items.length,
      },
      created: created.toISOString(),
    },
    weights: new Map([
      ['counts', { dtype: 'I32', shape: [vocab.size, vocab.size], data: model.counts.counts }],
    ]),
  };
  return encodeModelDirectory(directory);
}

/**
 * Reads a bigram model directory (uploaded files, or the CLI's `--out` folder).
 *
 * @param files - file name → bytes; must hold `config.json` and `model.safetensors`
 * @returns the model and its config
 * @throws CheckpointError when a file is missing or damaged, or the model is not a count bigram
 */
export function loadBigramFiles(files: ReadonlyMap<string, Uint8Array>): {
  model: BigramModel;
  directory: ModelDirectory;
} {
  const directory = decodeModelDirectory(files, ['bigram']);
  const { vocab, hyperparameters } = directory.config;
  const counts = directory.weights.get('counts');
  if (counts?.dtype !== 'I32' || counts.shape.join() !== `${vocab.size},${vocab.size}`) {
    throw new CheckpointError(
      'WEIGHTS_MISMATCH',
      `model.safetensors has no I32 'counts' of shape [${vocab.size}, ${vocab.size}]; train the model again.`,
    );
  }
  const smoothing = hyperparameters['smoothing'];
  if (typeof smoothing !== 'number' || !(smoothing >= 0)) {
    throw new CheckpointError('BAD_CONFIG', 'config.json has no valid smoothing for the bigram model.');
  }
  return { model: BigramModel.fromCounts(BigramCounts.fromArray(vocab, counts.data), smoothing), directory };
}
