import {
  BatchNorm1d,
  Embedding,
  FlattenConsecutive,
  type LayerModule,
  Linear,
  Sequential,
  Tanh,
} from '@makemore/nn';
import { noGrad, type Tensor } from '@makemore/tensor';
import { CharModel } from '../char-model.js';
import type { HyperparameterValues, ModelContext, ModelEntry } from '../model-entry.js';
import { ModelError } from '../model-error.js';
import { LECTURE_RECIPE } from './recipes.js';
import { oneOf, positiveInteger } from './shared-hyperparameters.js';

/** Hyperparameters of {@link wavenet}. */
export const wavenetHyperparameters = {
  blockSize: oneOf(
    8,
    Array.from({ length: 10 }, (_, i) => 2 ** (i + 1)),
  ),
  nEmbd: positiveInteger(24),
  nHidden: positiveInteger(128),
} as const;

/** The hyperparameters of {@link wavenet}: `blockSize`, `nEmbd`, `nHidden`. */
export type WaveNetHyperparameters = HyperparameterValues<typeof wavenetHyperparameters>;

/** log2 of a power of two, or -1. */
function levelsOf(blockSize: number): number {
  const levels = Math.log2(blockSize);
  return Number.isInteger(levels) && levels >= 1 ? levels : -1;
}

/**
 * The part-5 lecture's WaveNet-style model: embeddings, then `log2(blockSize)` levels of
 * `FlattenConsecutive(2) → Linear (no bias) → BatchNorm1d → Tanh` that fuse neighbouring characters
 * two at a time, then a linear output layer whose weights start scaled by 0.1. Layers use the
 * lecture's `randn / √fan_in` init.
 */
export class WaveNet extends CharModel {
  /** `'wavenet'`. */
  readonly name = 'wavenet';
  /** Reads windows of `blockSize` tokens. */
  readonly dataFormat = 'window' as const;
  /** The layers (`net.0` is the embedding). */
  readonly net: Sequential;

  /** Creates the model. */
  constructor(h: WaveNetHyperparameters, context: ModelContext) {
    super(context.vocabSize, h.blockSize);
    const levels = levelsOf(this.blockSize);
    if (levels < 0) {
      throw new ModelError(
        'BAD_HYPERPARAMETER',
        `wavenet needs a blockSize that is a power of 2 (2, 4, 8, ...), got ${this.blockSize}.`,
      );
    }
    const V = context.vocabSize;
    const { nEmbd, nHidden } = h;
    const opts = { generator: context.generator, dtype: context.dtype };
    const layers: LayerModule[] = [new Embedding(V, nEmbd, opts)];
    for (let level = 0; level < levels; level++) {
      const fanIn = 2 * (level === 0 ? nEmbd : nHidden);
      layers.push(
        new FlattenConsecutive(2),
        new Linear(fanIn, nHidden, { ...opts, bias: false }),
        new BatchNorm1d(nHidden, { dtype: context.dtype }),
        new Tanh(),
      );
    }
    const out = new Linear(nHidden, V, opts);
    // The lecture: `layers[-1].weight *= 0.1` makes the last layer less confident at init.
    noGrad(() => out.weight.mul_(0.1));
    layers.push(out);
    this.net = this.addModule('net', new Sequential(layers));
  }

  /** `X (B, blockSize)` → `(B, V)`. */
  logits(x: Tensor): Tensor {
    return this.net.forward(x);
  }
}

/** Registry entry of {@link WaveNet}. */
export const wavenet: ModelEntry<WaveNetHyperparameters> = {
  name: 'wavenet',
  dataFormat: 'window',
  hyperparameters: wavenetHyperparameters,
  // Lecture 5 decays the learning rate later, at 150,000 steps.
  recipe: { ...LECTURE_RECIPE, lrDecayAt: 150_000 },
  parameterCount: ({ blockSize, nEmbd: e, nHidden: n }, V) => {
    const levels = Math.max(1, levelsOf(blockSize));
    return V * e + 2 * e * n + 2 * n + (levels - 1) * (2 * n * n + 2 * n) + n * V + V;
  },
  create: (h, context) => new WaveNet(h, context),
};
