import { Embedding, LayerNorm, Linear, Sequential, TransformerBlock } from '@makemore/nn';
import { arange, type Tensor, tidy } from '@makemore/tensor';
import { CharModel } from '../char-model.js';
import type { Hyperparameters, ModelContext, ModelEntry } from '../model-entry.js';
import { ModelError } from '../model-error.js';
import { MAKEMORE_RECIPE } from './recurrent.js';

/**
 * makemore's `Transformer` (GPT-2 style, after minGPT): token and position embeddings, `nLayer`
 * pre-norm blocks of causal self-attention and a GELU MLP, a final LayerNorm and a bias-free head.
 */
export class Transformer extends CharModel {
  /** `'transformer'`. */
  readonly name = 'transformer';
  /** Reads makemore's sequences. */
  readonly dataFormat = 'sequence' as const;
  /** Token embeddings `(V, nEmbd)`. */
  readonly wte: Embedding;
  /** Position embeddings `(blockSize, nEmbd)`. */
  readonly wpe: Embedding;
  /** The blocks, in order (tensors named `h.0.*`, `h.1.*`, ... as makemore's `transformer.h`). */
  readonly h: Sequential;
  /** Final norm. */
  readonly lnF: LayerNorm;
  /** `(nEmbd, V)`, no bias. */
  readonly lmHead: Linear;

  /** Creates the model. */
  constructor(h: Hyperparameters, context: ModelContext) {
    super(context.vocabSize, h['blockSize']!);
    const nEmbd = h['nEmbd']!;
    const nHead = h['nHead']!;
    if (nEmbd % nHead !== 0) {
      throw new ModelError(
        'BAD_HYPERPARAMETER',
        `transformer needs nEmbd (${nEmbd}) divisible by nHead (${nHead}).`,
      );
    }
    const opts = { generator: context.generator, dtype: context.dtype };
    this.wte = this.addModule('wte', new Embedding(context.vocabSize, nEmbd, opts));
    this.wpe = this.addModule('wpe', new Embedding(this.blockSize, nEmbd, opts));
    const blocks = Array.from(
      { length: h['nLayer']! },
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
      const T = x.shape[1]!;
      const pos = arange(0, T, 1, { dtype: 'int32', device: x.backend });
      const emb = this.wte.forward(x).add(this.wpe.forward(pos)); // (B, T, C) + (T, C)
      return this.lmHead.forward(this.lnF.forward(this.h.forward(emb))); // (B, T, V)
    });
  }
}

/** Registry entry of {@link Transformer}. */
export const transformer: ModelEntry = {
  name: 'transformer',
  title: 'Transformer (makemore, GPT-2 style)',
  source: 'karpathy/makemore makemore.py, class Transformer; Vaswani et al. 2017, Radford et al. 2019',
  dataFormat: 'sequence',
  hyperparameters: {
    blockSize: { default: 0, description: 'longest sequence; 0 = longest item + 1 (makemore)', type: 'int' },
    nLayer: { default: 4, description: 'number of blocks', type: 'int' },
    nHead: { default: 4, description: 'attention heads per block (must divide nEmbd)', type: 'int' },
    nEmbd: { default: 64, description: 'width of the residual stream', type: 'int' },
  },
  recipe: MAKEMORE_RECIPE,
  // makemore prints "number of parameters: 0.20M" for names.txt (it leaves out lm_head): 202,816 + 1,728.
  publishedParameterCounts: [],
  parameterCount: (h, V) => {
    const C = h['nEmbd']!;
    const block = 2 * (2 * C) + (C * 3 * C + 3 * C) + (C * C + C) + (C * 4 * C + 4 * C) + (4 * C * C + C);
    return V * C + h['blockSize']! * C + h['nLayer']! * block + 2 * C + C * V;
  },
  create: (h, context) => new Transformer(h, context),
};
