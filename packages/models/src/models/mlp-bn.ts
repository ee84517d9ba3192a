import { BatchNorm1d, calculateGain, kaimingNormal, scaledNormal } from '@makemore/nn';
import type { Tensor } from '@makemore/tensor';
import { tidy } from '@makemore/tensor';
import { CharModel } from '../char-model.js';
import type { Hyperparameters, ModelContext, ModelEntry } from '../model-entry.js';
import { LECTURE_RECIPE } from './lecture-recipe.js';
import { mlp } from './mlp.js';

/**
 * The part-3 lecture's MLP: the part-2 architecture with the fixes of "Activations, Gradients,
 * BatchNorm": Kaiming init of `W1` (gain 5/3 for tanh), small `b1`, `W2 · 0.01` and `b2 = 0` so the
 * initial loss is near `-log(1/V)`, and a batch-normalisation layer before the tanh (with running
 * statistics for evaluation; momentum 0.001 as the lecture's `0.999 · running + 0.001 · batch`).
 */
export class MLPBatchNorm extends CharModel {
  /** `'mlp-bn'`. */
  readonly name = 'mlp-bn';
  /** Reads windows of `blockSize` tokens. */
  readonly dataFormat = 'window' as const;
  /** `(V, nEmbd)`. */
  readonly C: Tensor;
  /** `(blockSize · nEmbd, nHidden)`, Kaiming. */
  readonly W1: Tensor;
  /** `(nHidden)`, kept as the lecture printed 12,297 with it (BatchNorm cancels it). */
  readonly b1: Tensor;
  /** `(nHidden, V)`, scaled by 0.01. */
  readonly W2: Tensor;
  /** `(V)`, zeros. */
  readonly b2: Tensor;
  /** The batch-normalisation layer (`bn.gamma`, `bn.beta`, running statistics). */
  readonly bn: BatchNorm1d;

  /** Creates the model. */
  constructor(h: Hyperparameters, context: ModelContext) {
    super(context.vocabSize, h['blockSize']!);
    const V = context.vocabSize;
    const nEmbd = h['nEmbd']!;
    const nHidden = h['nHidden']!;
    const fanIn = this.blockSize * nEmbd;
    this.C = this.addParameter('C', scaledNormal([V, nEmbd], 1, context));
    this.W1 = this.addParameter('W1', kaimingNormal([fanIn, nHidden], fanIn, calculateGain('tanh'), context));
    this.b1 = this.addParameter('b1', scaledNormal([nHidden], 0.01, context));
    this.W2 = this.addParameter('W2', scaledNormal([nHidden, V], 0.01, context));
    this.b2 = this.addParameter('b2', scaledNormal([V], 0, context));
    this.bn = this.addModule('bn', new BatchNorm1d(nHidden, { momentum: 0.001, dtype: context.dtype }));
  }

  /** `X (B, blockSize)` → `(B, V)`. */
  logits(x: Tensor): Tensor {
    return tidy(() => {
      const emb = this.C.index(x).reshape(x.shape[0]!, -1); // (B, blockSize · nEmbd)
      const hpreact = emb.matmul(this.W1).add(this.b1); // (B, nHidden)
      const h = this.bn.forward(hpreact).tanh();
      return h.matmul(this.W2).add(this.b2); // (B, V)
    });
  }
}

/** Registry entry of {@link MLPBatchNorm}. */
export const mlpBn: ModelEntry = {
  name: 'mlp-bn',
  title: 'MLP with Kaiming init and BatchNorm',
  source:
    'makemore lecture 3 ("Building makemore Part 3: Activations & Gradients, BatchNorm"); Ioffe & Szegedy 2015',
  dataFormat: 'window',
  hyperparameters: {
    blockSize: { default: 3, description: 'context length', type: 'int' },
    nEmbd: { default: 10, description: 'size of each character embedding', type: 'int' },
    nHidden: { default: 200, description: 'units in the hidden layer', type: 'int' },
  },
  recipe: LECTURE_RECIPE,
  publishedParameterCounts: [
    {
      hyperparameters: { blockSize: 3, nEmbd: 10, nHidden: 200 },
      vocabSize: 27,
      count: 12_297,
      source: 'lecture 3: C, W1, b1, W2, b2, bngain, bnbias',
    },
  ],
  // The part-2 MLP's parameters plus BatchNorm's gain and bias.
  parameterCount: (h, V) => mlp.parameterCount(h, V) + 2 * h['nHidden']!,
  create: (h, context) => new MLPBatchNorm(h, context),
};
