import { Embedding } from '@makemore/nn';
import { arange, type Tensor } from '@makemore/tensor';
import { CharModel } from '../char-model.js';
import type { ModelContext } from '../model-entry.js';

/**
 * The input stage that makemore's attention-style models (`bow`, `transformer`) share: token embeddings
 * `wte (V, nEmbd)` and position embeddings `wpe (blockSize, nEmbd)`, drawn in that order, whose sum
 * {@link PositionalModel.embed} gives the blocks after them.
 */
export abstract class PositionalModel extends CharModel {
  /** Reads makemore's sequences. */
  readonly dataFormat = 'sequence' as const;
  /** Token embeddings `(V, nEmbd)`. */
  readonly wte: Embedding;
  /** Position embeddings `(blockSize, nEmbd)`. */
  readonly wpe: Embedding;

  /**
   * Creates the embeddings; the subclass adds its blocks and head after them.
   *
   * @param h - the longest sequence and the embedding width
   * @param context - vocabulary size, generator and dtype
   */
  constructor(h: { readonly blockSize: number; readonly nEmbd: number }, context: ModelContext) {
    super(context.vocabSize, h.blockSize);
    const opts = { generator: context.generator, dtype: context.dtype };
    this.wte = this.addModule('wte', new Embedding(context.vocabSize, h.nEmbd, opts));
    this.wpe = this.addModule('wpe', new Embedding(this.blockSize, h.nEmbd, opts));
  }

  /** Each token's embedding plus its position's, `wte(x) + wpe(0 … T-1)`: `X (B, T)` → `(B, T, nEmbd)`. */
  protected embed(x: Tensor): Tensor {
    const pos = arange(0, x.shape[1]!, 1, { dtype: 'int32', device: x.backend });
    return this.wte.forward(x).add(this.wpe.forward(pos)); // (B, T, C) + (T, C)
  }
}
