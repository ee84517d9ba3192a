import { BigramCounts, BigramModel } from '@makemore/bigram';
import { fingerprintItems, Vocab } from '@makemore/data';
import type { LanguageModel } from '@makemore/sampling';
import { CheckpointError, MODEL_FORMAT, MODEL_FORMAT_VERSION, type ModelDirectory } from '@makemore/train';
import type { ModelKind, TrainRequest } from './model-kind.js';

async function train(request: TrainRequest): Promise<ModelDirectory> {
  // The vocabulary covers every item, so val and test items can be scored too.
  const vocab = Vocab.fromItems(request.data.items, { layout: request.layout });
  const counts = BigramCounts.fromItems(request.split.train, vocab);
  return {
    config: {
      format: MODEL_FORMAT,
      formatVersion: MODEL_FORMAT_VERSION,
      model: 'bigram',
      hyperparameters: { smoothing: request.smoothing, seed: request.seed, lowercase: request.lowercase },
      vocab,
      data: {
        source: request.data.source,
        fingerprint: await fingerprintItems(request.data.items),
        items: request.data.items.length,
      },
      created: new Date().toISOString(),
    },
    weights: new Map([['counts', { dtype: 'I32', shape: [vocab.size, vocab.size], data: counts.counts }]]),
  };
}

function load(directory: ModelDirectory): LanguageModel {
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

/** The count-based bigram model of the first lecture, as a registry entry. */
export const bigramKind: ModelKind = {
  name: 'bigram',
  description: 'count-based bigram model with add-alpha smoothing (lecture 1)',
  train,
  load,
};
