import { scaledNormal } from '@makemore/nn';
import { oneHot, type Tensor, tidy } from '@makemore/tensor';
import { CharModel } from '../char-model.js';
import type { HyperparameterValues, ModelContext, ModelEntry } from '../model-entry.js';

/** Hyperparameters of {@link bigramNN}. */
export const bigramNNHyperparameters = {
  regularization: { type: 'number', default: 0.01, min: 0 },
} as const;

/** The hyperparameters of {@link bigramNN}: `regularization`. */
export type BigramNNHyperparameters = HyperparameterValues<typeof bigramNNHyperparameters>;

/**
 * The seed lecture's neural bigram: `logits = one_hot(x) @ W` with `W (V, V)` drawn from `randn`, and
 * the loss `nll + regularization · mean(W²)` that pulls the model toward uniform (the "smoothing" of
 * the counting model).
 */
export class BigramNN extends CharModel {
  /** `'bigram-nn'`. */
  readonly name = 'bigram-nn';
  /** Reads windows of one token. */
  readonly dataFormat = 'window' as const;
  /** `(V, V)`: row `i` is the log-counts of the token after `i`. */
  readonly W: Tensor;
  /** Weight of the L2 term (the seed: 0.01). */
  readonly regularization: number;

  /** Creates the model. */
  constructor(hyperparameters: BigramNNHyperparameters, context: ModelContext) {
    super(context.vocabSize, 1);
    this.regularization = hyperparameters.regularization;
    this.W = this.addParameter('W', scaledNormal([context.vocabSize, context.vocabSize], 1, context));
  }

  /** `X (B, 1)` → `(B, V)`. */
  logits(x: Tensor): Tensor {
    return tidy(() => oneHot(x.reshape(-1), this.vocabSize, { dtype: this.W.dtype }).matmul(this.W));
  }

  /** `nll + regularization · mean(W²)`, the seed's loss. */
  override loss(x: Tensor, y: Tensor): Tensor {
    return tidy(() => this.nll(x, y).add(this.W.square().mean().mul(this.regularization)));
  }
}

/** Registry entry of {@link BigramNN}. */
export const bigramNN: ModelEntry<BigramNNHyperparameters> = {
  name: 'bigram-nn',
  dataFormat: 'window',
  hyperparameters: bigramNNHyperparameters,
  recipe: {
    optimizer: 'sgd',
    lr: 50,
    lrDecayAt: null,
    lrDecayFactor: 0.1,
    steps: 100,
    batchSize: 0,
    weightDecay: 0,
    evalEvery: 10,
    split: 'fractions',
  },
  // The lecture: W = torch.randn((27, 27)) has 729 parameters.
  parameterCount: (_h, V) => V * V,
  create: (h, context) => new BigramNN(h, context),
};
