import { scaledNormal } from '@makemore/nn';
import type { Tensor } from '@makemore/tensor';
import { tidy } from '@makemore/tensor';
import { CharModel } from '../char-model.js';
import type { Hyperparameters, ModelContext, ModelEntry } from '../model-entry.js';
import { LECTURE_RECIPE } from './lecture-recipe.js';

/**
 * Bengio et al. 2003 as the part-2 lecture builds it: embeddings `C (V, nEmbd)`, the window's
 * embeddings concatenated, a tanh hidden layer `W1, b1`, and output logits `W2, b2`. Every tensor
 * starts as `randn`, exactly as the lecture's first version (no init scaling).
 */
export class MLP extends CharModel {
  /** `'mlp'`. */
  readonly name = 'mlp';
  /** Reads windows of `blockSize` tokens. */
  readonly dataFormat = 'window' as const;
  /** `(V, nEmbd)`. */
  readonly C: Tensor;
  /** `(blockSize · nEmbd, nHidden)`. */
  readonly W1: Tensor;
  /** `(nHidden)`. */
  readonly b1: Tensor;
  /** `(nHidden, V)`. */
  readonly W2: Tensor;
  /** `(V)`. */
  readonly b2: Tensor;

  /** Creates the model, drawing C, W1, b1, W2, b2 in the lecture's order. */
  constructor(h: Hyperparameters, context: ModelContext) {
    super(context.vocabSize, h['blockSize']!);
    const V = context.vocabSize;
    const nEmbd = h['nEmbd']!;
    const nHidden = h['nHidden']!;
    this.C = this.addParameter('C', scaledNormal([V, nEmbd], 1, context));
    this.W1 = this.addParameter('W1', scaledNormal([this.blockSize * nEmbd, nHidden], 1, context));
    this.b1 = this.addParameter('b1', scaledNormal([nHidden], 1, context));
    this.W2 = this.addParameter('W2', scaledNormal([nHidden, V], 1, context));
    this.b2 = this.addParameter('b2', scaledNormal([V], 1, context));
  }

  /** `X (B, blockSize)` → `(B, V)`. */
  logits(x: Tensor): Tensor {
    return tidy(() => {
      const emb = this.C.index(x); // (B, blockSize, nEmbd)
      const h = emb.reshape(x.shape[0]!, -1).matmul(this.W1).add(this.b1).tanh(); // (B, nHidden)
      return h.matmul(this.W2).add(this.b2); // (B, V)
    });
  }
}

/** Registry entry of {@link MLP}. */
export const mlp: ModelEntry = {
  name: 'mlp',
  title: 'MLP of Bengio et al. 2003 over a window of characters',
  source: 'makemore lecture 2 ("Building makemore Part 2: MLP"); Bengio et al., JMLR 2003',
  dataFormat: 'window',
  hyperparameters: {
    blockSize: {
      default: 3,
      description: 'context length: how many previous characters the model sees',
      type: 'int',
    },
    nEmbd: { default: 10, description: 'size of each character embedding', type: 'int' },
    nHidden: { default: 200, description: 'units in the tanh hidden layer', type: 'int' },
  },
  recipe: LECTURE_RECIPE,
  publishedParameterCounts: [
    {
      hyperparameters: { blockSize: 3, nEmbd: 10, nHidden: 200 },
      vocabSize: 27,
      count: 11_897,
      source: 'lecture 2: sum(p.nelement() for p in parameters) after C (27, 10), W1 (30, 200)',
    },
    {
      hyperparameters: { blockSize: 3, nEmbd: 2, nHidden: 100 },
      vocabSize: 27,
      count: 3_481,
      source: 'lecture 2: the first version with 2-D embeddings and 100 hidden units',
    },
  ],
  parameterCount: (h, V) => {
    const e = h['nEmbd']!;
    const n = h['nHidden']!;
    return V * e + h['blockSize']! * e * n + n + n * V + V;
  },
  create: (h, context) => new MLP(h, context),
};
