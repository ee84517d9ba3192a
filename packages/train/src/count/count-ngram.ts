import { NGramModel } from '@makemore/bigram';
import { DataError, Vocab } from '@makemore/data';
import type { LanguageModel } from '@makemore/sampling';
import { CheckpointError } from '../checkpoint-error.js';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION } from '../model-config.js';
import type { ModelDirectory } from '../model-directory.js';
import type { CountBigramRequest } from './count-bigram.js';
import { COUNT_NGRAM } from './count-model-names.js';

/** What training the count n-gram needs: the bigram's request and the order. */
export interface CountNGramRequest extends CountBigramRequest {
  /** Tokens per n-gram. */
  n: number;
}

/**
 * Counts the n-grams of the training split and returns the model directory to write: the contexts
 * seen and their counts, so the file grows with the data rather than with `vocab.size ** n`.
 *
 * @param request - data, layout, smoothing and order
 * @returns config and weights (`contexts`, I32, K × (n − 1); `counts`, I32, K × vocab)
 */
export function trainCountNGram(request: CountNGramRequest): ModelDirectory {
  const vocab = Vocab.fromItems(request.items, { layout: request.layout });
  const model = NGramModel.fromItems(request.split.train, vocab, {
    n: request.n,
    smoothing: request.smoothing,
  });
  const { contexts, counts } = model.tables();
  return {
    config: {
      format: MODEL_FORMAT,
      formatVersion: MODEL_FORMAT_VERSION,
      model: COUNT_NGRAM,
      hyperparameters: {
        n: request.n,
        smoothing: request.smoothing,
        seed: request.seed,
        split: request.scheme,
      },
      vocab,
      data: request.data,
      created: new Date().toISOString(),
    },
    weights: new Map([
      ['contexts', { dtype: 'I32', shape: [model.contextCount, request.n - 1], data: contexts }],
      ['counts', { dtype: 'I32', shape: [model.contextCount, vocab.size], data: counts }],
    ]),
  };
}

/**
 * Rebuilds the count n-gram from its model directory.
 *
 * @param directory - a validated directory whose model is {@link COUNT_NGRAM}
 * @throws CheckpointError when the order, the smoothing or the tables are missing or do not fit
 */
export function loadCountNGram(directory: ModelDirectory): LanguageModel {
  const { vocab, hyperparameters } = directory.config;
  const { n, smoothing } = hyperparameters;
  const contexts = directory.weights.get('contexts');
  const counts = directory.weights.get('counts');
  if (typeof n !== 'number' || typeof smoothing !== 'number') {
    throw new CheckpointError(
      'BAD_CONFIG',
      'config.json has no valid n and smoothing for the ngram model; train the model again.',
    );
  }
  if (contexts?.dtype !== 'I32' || counts?.dtype !== 'I32') {
    throw new CheckpointError(
      'WEIGHTS_MISMATCH',
      "model.safetensors has no I32 'contexts' and 'counts'; train the model again.",
    );
  }
  try {
    return NGramModel.fromTables(
      vocab,
      { contexts: contexts.data as Int32Array, counts: counts.data as Int32Array },
      { n, smoothing },
    );
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    throw new CheckpointError(
      'WEIGHTS_MISMATCH',
      `model.safetensors does not fit its config: ${error.message}`,
    );
  }
}
