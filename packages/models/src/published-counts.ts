import type { PublishedParameterCount } from './model-entry.js';
import type { BigramNNHyperparameters } from './models/bigram-nn.js';
import type { MlpHyperparameters } from './models/mlp.js';
import type { WaveNetHyperparameters } from './models/wavenet.js';

/** A count printed for names.txt, whose vocabulary has 27 tokens in makemore's layout. */
function onNamesTxt<H extends PublishedParameterCount['hyperparameters']>(
  hyperparameters: H,
  count: number,
  source: string,
): PublishedParameterCount<H> {
  return { hyperparameters, vocabSize: 27, count, source };
}

/**
 * The parameter counts the lectures print, by model name: each is checked against the model's
 * `parameterCount` and against the model it builds. Kept apart from the registry entries, which an
 * app bundles, since only the tests and the docs read them.
 */
export const PUBLISHED_PARAMETER_COUNTS: {
  readonly 'bigram-nn': readonly PublishedParameterCount<BigramNNHyperparameters>[];
  readonly mlp: readonly PublishedParameterCount<MlpHyperparameters>[];
  readonly 'mlp-bn': readonly PublishedParameterCount<MlpHyperparameters>[];
  readonly wavenet: readonly PublishedParameterCount<WaveNetHyperparameters>[];
} = {
  'bigram-nn': [onNamesTxt({ regularization: 0.01 }, 729, 'lecture 1: W (27, 27)')],
  mlp: [
    onNamesTxt(
      { blockSize: 3, nEmbd: 10, nHidden: 200 },
      11_897,
      'lecture 2: sum(p.nelement() for p in parameters) after C (27, 10), W1 (30, 200)',
    ),
    onNamesTxt(
      { blockSize: 3, nEmbd: 2, nHidden: 100 },
      3_481,
      'lecture 2: the first version with 2-D embeddings and 100 hidden units',
    ),
  ],
  'mlp-bn': [
    onNamesTxt(
      { blockSize: 3, nEmbd: 10, nHidden: 200 },
      12_297,
      'lecture 3: C, W1, b1, W2, b2, bngain, bnbias',
    ),
  ],
  wavenet: [
    onNamesTxt(
      { blockSize: 8, nEmbd: 24, nHidden: 128 },
      76_579,
      'lecture 5: the final model, "76579" printed below the layers',
    ),
    onNamesTxt(
      { blockSize: 8, nEmbd: 10, nHidden: 68 },
      22_397,
      'lecture 5: the first hierarchical version with 68 hidden units',
    ),
  ],
};
