import { BoWBlock, Linear } from '@makemore/nn';
import { type Tensor, tidy } from '@makemore/tensor';
import type { HyperparameterValues, ModelContext, ModelEntry } from '../model-entry.js';
import { PositionalModel } from './positions.js';
import { MAKEMORE_RECIPE } from './recipes.js';
import { positiveInteger, SEQUENCE_BLOCK_SIZE } from './shared-hyperparameters.js';

/** Hyperparameters of {@link bow}. */
export const bowHyperparameters = {
  blockSize: SEQUENCE_BLOCK_SIZE,
  nEmbd: positiveInteger(64),
  nEmbd2: positiveInteger(64),
} as const;

/** The hyperparameters of {@link bow}: `blockSize`, `nEmbd`, `nEmbd2`. */
export type BoWHyperparameters = HyperparameterValues<typeof bowHyperparameters>;

/**
 * makemore's `BoW`: token and position embeddings (`wte`, `wpe`), one {@link BoWBlock}
 * (`context_block`: the causal average of the positions so far, then a tanh MLP, each added to its
 * input), and a linear head `lm_head`. The tensors have makemore's names, e.g.
 * `context_block.mlp.c_fc.weight`.
 */
export class BoW extends PositionalModel {
  /** `'bow'`. */
  readonly name = 'bow';
  /** The causal bag of words and its MLP. */
  readonly contextBlock: BoWBlock;
  /** `(nEmbd, V)` with a bias. */
  readonly lmHead: Linear;

  /** Creates the model. */
  constructor(h: BoWHyperparameters, context: ModelContext) {
    super(h, context);
    const { nEmbd } = h;
    const opts = { generator: context.generator, dtype: context.dtype };
    this.contextBlock = this.addModule(
      'context_block',
      new BoWBlock(nEmbd, h.nEmbd2, { ...opts, blockSize: this.blockSize }),
    );
    this.lmHead = this.addModule(
      'lm_head',
      new Linear(nEmbd, context.vocabSize, { ...opts, init: 'pytorch' }),
    );
  }

  /** `X (B, T ≤ blockSize)` → `(B, T, V)`. */
  logits(x: Tensor): Tensor {
    return tidy(() => {
      const emb = this.embed(x); // (B, T, C)
      return this.lmHead.forward(this.contextBlock.forward(emb)); // (B, T, V)
    });
  }
}

/** Registry entry of {@link BoW}. */
export const bow: ModelEntry<BoWHyperparameters> = {
  name: 'bow',
  dataFormat: 'sequence',
  hyperparameters: bowHyperparameters,
  recipe: MAKEMORE_RECIPE,
  // wte, wpe, c_fc, c_proj, lm_head.
  parameterCount: ({ blockSize, nEmbd: e, nEmbd2: e2 }, V) =>
    V * e + blockSize * e + (e * e2 + e2) + (e2 * e + e) + e * V + V,
  create: (h, context) => new BoW(h, context),
};
