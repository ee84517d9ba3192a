import { LayerNorm, Linear, Sequential, TransformerBlock } from '@makemore/nn';
import { type Tensor, tidy } from '@makemore/tensor';
import type { HyperparameterValues, ModelContext, ModelEntry } from '../model-entry.js';
import { ModelError } from '../model-error.js';
import { PositionalModel } from './positions.js';
import { MAKEMORE_RECIPE } from './recipes.js';
import { positiveInteger, SEQUENCE_BLOCK_SIZE } from './shared-hyperparameters.js';

/** Hyperparameters of {@link transformer}. */
export const transformerHyperparameters = {
  blockSize: SEQUENCE_BLOCK_SIZE,
  nLayer: positiveInteger(4),
  nHead: positiveInteger(4),
  nEmbd: positiveInteger(64),
} as const;

/** The hyperparameters of {@link transformer}: `blockSize`, `nLayer`, `nHead`, `nEmbd`. */
export type TransformerHyperparameters = HyperparameterValues<typeof transformerHyperparameters>;

/**
 * makemore's `Transformer` (GPT-2 style, after minGPT): token and position embeddings, `nLayer`
 * pre-norm blocks of causal self-attention and a GELU MLP, a final LayerNorm and a bias-free head.
 */
export class Transformer extends PositionalModel {
  /** `'transformer'`. */
  readonly name = 'transformer';
  /** The blocks, in order (tensors named `h.0.*`, `h.1.*`, ... as makemore's `transformer.h`). */
  readonly h: Sequential;
  /** Final norm. */
  readonly lnF: LayerNorm;
  /** `(nEmbd, V)`, no bias. */
  readonly lmHead: Linear;

  /** Creates the model. */
  constructor(h: TransformerHyperparameters, context: ModelContext) {
    const { nEmbd, nHead } = h;
    if (nEmbd % nHead !== 0) {
      throw new ModelError(
        'BAD_HYPERPARAMETER',
        `transformer needs nEmbd (${nEmbd}) divisible by nHead (${nHead}).`,
      );
    }
    super(h, context);
    const opts = { generator: context.generator, dtype: context.dtype };
    const blocks = Array.from(
      { length: h.nLayer },
      () => new TransformerBlock(nEmbd, nHead, { ...opts, blockSize: this.blockSize }),
    );
    this.h = this.addModule('h', new Sequential(blocks));
    this.lnF = this.addModule('ln_f', new LayerNorm(nEmbd, { dtype: context.dtype }));
    this.lmHead = this.addModule(
      'lm_head',
      new Linear(nEmbd, context.vocabSize, { ...opts, bias: false, init: 'pytorch' }),
    );
  }

  /** `X (B, T ≤ blockSize)` → `(B, T, V)`. */
  logits(x: Tensor): Tensor {
    return tidy(() => {
      const emb = this.embed(x); // (B, T, C)
      return this.lmHead.forward(this.lnF.forward(this.h.forward(emb))); // (B, T, V)
    });
  }
}

/** Registry entry of {@link Transformer}. */
export const transformer: ModelEntry<TransformerHyperparameters> = {
  name: 'transformer',
  dataFormat: 'sequence',
  hyperparameters: transformerHyperparameters,
  recipe: MAKEMORE_RECIPE,
  // makemore prints "number of parameters: 0.20M" for names.txt (it leaves out lm_head): 202,816 + 1,728.
  parameterCount: ({ blockSize, nLayer, nEmbd: C }, V) => {
    const block = 2 * (2 * C) + (C * 3 * C + 3 * C) + (C * C + C) + (C * 4 * C + 4 * C) + (4 * C * C + C);
    return V * C + blockSize * C + nLayer * block + 2 * C + C * V;
  },
  create: (h, context) => new Transformer(h, context),
};
