import { BigramCounts, BigramModel } from '@makemore/bigram';
import { type DataSplit, SPLIT_SCHEMES, type SplitScheme, Vocab, type VocabLayout } from '@makemore/data';
import type { LanguageModel } from '@makemore/sampling';
import { CheckpointError } from '../checkpoint-error.js';
import { type DataInfo, MODEL_FORMAT, MODEL_FORMAT_VERSION } from '../model-config.js';
import type { ModelDirectory } from '../model-directory.js';
import { COUNT_BIGRAM } from './count-model-names.js';

/** What training the count bigram needs. */
export interface CountBigramRequest {
  /** The items split into train, val and test. */
  split: DataSplit;
  /** How they were split, stored so the split can be rebuilt for novelty marks and `eval`. */
  scheme: SplitScheme;
  /** Every item, for the vocabulary. */
  items: readonly string[];
  /** What config.json records of the data. */
  data: DataInfo;
  /** Vocabulary layout. */
  layout: VocabLayout;
  /** Add-α smoothing. */
  smoothing: number;
  /** Seed of the split, stored so the split can be rebuilt for novelty marks. */
  seed: number;
}

/**
 * Counts the bigrams of the training split (every item with split `'none'`, as the lecture counts
 * all of names.txt) and returns the model directory to write.
 *
 * @param request - data, layout and smoothing
 * @returns config and weights (`counts`, I32, vocab × vocab)
 */
export function trainCountBigram(request: CountBigramRequest): ModelDirectory {
  // The vocabulary covers every item, so val and test items can be scored too.
  const vocab = Vocab.fromItems(request.items, { layout: request.layout });
  const counts = BigramCounts.fromItems(request.split.train, vocab);
  return {
    config: {
      format: MODEL_FORMAT,
      formatVersion: MODEL_FORMAT_VERSION,
      model: COUNT_BIGRAM,
      hyperparameters: { smoothing: request.smoothing, seed: request.seed, split: request.scheme },
      vocab,
      data: request.data,
      created: new Date().toISOString(),
    },
    weights: new Map([['counts', { dtype: 'I32', shape: [vocab.size, vocab.size], data: counts.counts }]]),
  };
}

/**
 * Rebuilds the count bigram from its model directory.
 *
 * @param directory - a validated directory whose model is {@link COUNT_BIGRAM}
 * @returns the model, which implements `LanguageModel`
 * @throws CheckpointError when the counts do not fit the vocabulary or the smoothing is missing
 */
export function loadCountBigram(directory: ModelDirectory): LanguageModel {
  const { vocab, hyperparameters } = directory.config;
  const counts = directory.weights.get('counts');
  const size = vocab.size;
  if (
    counts?.dtype !== 'I32' ||
    counts.shape.length !== 2 ||
    counts.shape[0] !== size ||
    counts.shape[1] !== size
  ) {
    throw new CheckpointError(
      'WEIGHTS_MISMATCH',
      `model.safetensors has no I32 'counts' of shape [${size}, ${size}] for this vocab; train the model again.`,
    );
  }
  const smoothing = hyperparameters['smoothing'];
  if (typeof smoothing !== 'number' || !(smoothing >= 0)) {
    throw new CheckpointError(
      'BAD_CONFIG',
      'config.json has no valid smoothing for the bigram model; train the model again.',
    );
  }
  return BigramModel.fromCounts(BigramCounts.fromArray(vocab, counts.data), smoothing);
}

/**
 * How a count model's (bigram or n-gram) items were split, from its hyperparameters: directories
 * written before the split was recorded were cut by fractions.
 *
 * @param hyperparameters - the directory's config hyperparameters
 * @returns the seed and scheme, or undefined when no seed is recorded
 */
export function countModelSplit(
  hyperparameters: ModelDirectory['config']['hyperparameters'],
): { seed: number; scheme: SplitScheme } | undefined {
  const { seed, split } = hyperparameters;
  if (typeof seed !== 'number') return undefined;
  const scheme = SPLIT_SCHEMES.find((s) => s === split) ?? 'fractions';
  return { seed, scheme };
}
