import { calculateGain, kaimingNormal, scaledNormal } from '@makemore/nn';
import type { Tensor } from '@makemore/tensor';
import { tidy } from '@makemore/tensor';
import { CharModel } from '../char-model.js';
import type { HyperparameterValues, ModelContext, ModelEntry } from '../model-entry.js';
import { LECTURE_RECIPE } from './recipes.js';
import { positiveInteger } from './shared-hyperparameters.js';

/** Hyperparameters of the lectures' window MLP ({@link mlp} and {@link mlpBn}). */
export const mlpHyperparameters = {
  blockSize: positiveInteger(3),
  nEmbd: positiveInteger(10),
  nHidden: positiveInteger(200),
} as const;

/** The hyperparameters of {@link mlp} and {@link mlpBn}: `blockSize`, `nEmbd`, `nHidden`. */
export type MlpHyperparameters = HyperparameterValues<typeof mlpHyperparameters>;

/**
 * How an {@link MLP}'s tensors are first drawn, each `randn · scale` in the lecture's order C, W1, b1,
 * W2, b2 (C always at scale 1); W1 may instead take Kaiming's init with tanh's gain.
 */
export interface MlpInit {
  /** Scale of `W1`, or `'kaiming'` for `randn · (5/3) / √fan_in`. */
  readonly W1: number | 'kaiming';
  /** Scale of `b1`. */
  readonly b1: number;
  /** Scale of `W2`. */
  readonly W2: number;
  /** Scale of `b2`. */
  readonly b2: number;
}

/** The part-2 lecture's first version: every tensor plain `randn`. */
const RANDN_INIT: MlpInit = { W1: 1, b1: 1, W2: 1, b2: 1 };

/**
 * Bengio et al. 2003 as the part-2 lecture builds it: embeddings `C (V, nEmbd)`, the window's
 * embeddings concatenated, a tanh hidden layer `W1, b1`, and output logits `W2, b2`. Every tensor
 * starts as `randn`, exactly as the lecture's first version (no init scaling).
 */
export class MLP extends CharModel {
  /** `'mlp'` (`'mlp-bn'` for the {@link MLPBatchNorm} built on it). */
  readonly name: 'mlp' | 'mlp-bn' = 'mlp';
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

  /**
   * Creates the model, drawing C, W1, b1, W2, b2 in the lecture's order.
   *
   * @param h - the hyperparameters
   * @param context - vocabulary size, generator and dtype
   * @param init - how each tensor is drawn (default: plain `randn`, the part-2 lecture's)
   */
  constructor(h: MlpHyperparameters, context: ModelContext, init: MlpInit = RANDN_INIT) {
    super(context.vocabSize, h.blockSize);
    const V = context.vocabSize;
    const fanIn = this.blockSize * h.nEmbd;
    this.C = this.addParameter('C', scaledNormal([V, h.nEmbd], 1, context));
    this.W1 = this.addParameter(
      'W1',
      init.W1 === 'kaiming'
        ? kaimingNormal([fanIn, h.nHidden], fanIn, calculateGain('tanh'), context)
        : scaledNormal([fanIn, h.nHidden], init.W1, context),
    );
    this.b1 = this.addParameter('b1', scaledNormal([h.nHidden], init.b1, context));
    this.W2 = this.addParameter('W2', scaledNormal([h.nHidden, V], init.W2, context));
    this.b2 = this.addParameter('b2', scaledNormal([V], init.b2, context));
  }

  /** The hidden layer's activation of its pre-activation `(B, nHidden)`: tanh. */
  protected activate(hpreact: Tensor): Tensor {
    return hpreact.tanh();
  }

  /** `X (B, blockSize)` → `(B, V)`. */
  logits(x: Tensor): Tensor {
    return tidy(() => {
      const emb = this.C.index(x).reshape(x.shape[0]!, -1); // (B, blockSize · nEmbd)
      // Reported to an installed probe (training diagnostics): the lecture's `hpreact` and `h`.
      const hpreact = this.observe('hpreact', emb.matmul(this.W1).add(this.b1)); // (B, nHidden)
      const h = this.observe('h', this.activate(hpreact)); // (B, nHidden)
      return h.matmul(this.W2).add(this.b2); // (B, V)
    });
  }
}

/** Registry entry of {@link MLP}. */
export const mlp: ModelEntry<MlpHyperparameters> = {
  name: 'mlp',
  dataFormat: 'window',
  hyperparameters: mlpHyperparameters,
  recipe: LECTURE_RECIPE,
  parameterCount: ({ blockSize, nEmbd: e, nHidden: n }, V) => V * e + blockSize * e * n + n + n * V + V,
  create: (h, context) => new MLP(h, context),
};
