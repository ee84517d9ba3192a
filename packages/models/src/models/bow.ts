import { BoWBlock, Embedding, Linear } from '@makemore/nn';
import { arange, type Tensor, tidy } from '@makemore/tensor';
import { CharModel } from '../char-model.js';
import type { Hyperparameters, ModelContext, ModelEntry } from '../model-entry.js';
import { MAKEMORE_RECIPE } from './recurrent.js';

/**
 * makemore's `BoW`: token and position embeddings (`wte`, `wpe`), one {@link BoWBlock}
 * (`context_block`: the causal average of the positions so far, then a tanh MLP, each added to its
 * input), and a linear head `lm_head`. The tensors have makemore's names, e.g.
 * `context_block.mlp.c_fc.weight`.
 */
export class BoW extends CharModel {
  /** `'bow'`. */
  readonly name = 'bow';
  /** Reads makemore's sequences. */
  readonly dataFormat = 'sequence' as const;
  /** Token embeddings `(V, nEmbd)`. */
  readonly wte: Embedding;
  /** Position embeddings `(blockSize, nEmbd)`. */
  readonly wpe: Embedding;
  /** The causal bag of words and its MLP. */
  readonly contextBlock: BoWBlock;
  /** `(nEmbd, V)` with a bias. */
  readonly lmHead: Linear;

  /** Creates the model. */
  constructor(h: Hyperparameters, context: ModelContext) {
    super(context.vocabSize, h['blockSize']!);
    const nEmbd = h['nEmbd']!;
    const opts = { generator: context.generator, dtype: context.dtype };
    this.wte = this.addModule('wte', new Embedding(context.vocabSize, nEmbd, opts));
    this.wpe = this.addModule('wpe', new Embedding(this.blockSize, nEmbd, opts));
    this.contextBlock = this.addModule(
      'context_block',
      new BoWBlock(nEmbd, h['nEmbd2']!, { ...opts, blockSize: this.blockSize }),
    );
    this.lmHead = this.addModule(
      'lm_head',
      new Linear(nEmbd, context.vocabSize, { ...opts, init: 'pytorch' }),
    );
  }

  /** `X (B, T ≤ blockSize)` → `(B, T, V)`. */
  logits(x: Tensor): Tensor {
    return tidy(() => {
      const T = x.shape[1]!;
      const pos = arange(0, T, 1, { dtype: 'int32', device: x.backend });
      const emb = this.wte.forward(x).add(this.wpe.forward(pos)); // (B, T, C) + (T, C)
      return this.lmHead.forward(this.contextBlock.forward(emb)); // (B, T, V)
    });
  }
}

/** Registry entry of {@link BoW}. */
export const bow: ModelEntry = {
  name: 'bow',
  title: 'Causal bag of words (makemore)',
  source: 'karpathy/makemore makemore.py, class BoW with BoWBlock and CausalBoW',
  dataFormat: 'sequence',
  hyperparameters: {
    blockSize: { default: 0, description: 'longest sequence; 0 = longest item + 1 (makemore)', type: 'int' },
    nEmbd: { default: 64, description: 'size of each token and position embedding', type: 'int' },
    nEmbd2: { default: 64, description: "width of the block's MLP hidden layer", type: 'int' },
  },
  recipe: MAKEMORE_RECIPE,
  publishedParameterCounts: [],
  parameterCount: (h, V) => {
    const e = h['nEmbd']!;
    const e2 = h['nEmbd2']!;
    // wte, wpe, c_fc, c_proj, lm_head.
    return V * e + h['blockSize']! * e + (e * e2 + e2) + (e2 * e + e) + e * V + V;
  },
  create: (h, context) => new BoW(h, context),
};
