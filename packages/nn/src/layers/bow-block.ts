import { type Tensor, tidy } from '@makemore/tensor';
import type { InitOptions } from '../init.js';
import { type Layer, Module } from '../module.js';
import { assertPositiveInteger } from '../nn-error.js';
import { CausalBoW } from './causal-bow.js';
import { Linear } from './linear.js';

/** Options of {@link BoWBlock}. */
export interface BoWBlockOptions extends InitOptions {
  /** Longest sequence the block accepts (makemore's `block_size`). */
  blockSize: number;
}

/**
 * makemore's `ModuleDict` `mlp`: only a namespace, so that the tensors are named `mlp.c_fc.*` and
 * `mlp.c_proj.*` as in PyTorch's state dict.
 */
class MlpDict extends Module {
  constructor(cFc: Linear, cProj: Linear) {
    super();
    this.addModule('c_fc', cFc);
    this.addModule('c_proj', cProj);
  }
}

/**
 * makemore's `BoWBlock`: `x + cbow(x)` (a {@link CausalBoW}), then `x + c_proj(tanh(c_fc(x)))` where
 * the MLP goes `nEmbd → nEmbd2 → nEmbd`. Tensors are named `mlp.c_fc.*` and `mlp.c_proj.*` as makemore's;
 * the Linear layers use PyTorch's default init, as makemore.
 *
 * @example
 * ```ts
 * const block = new BoWBlock(64, 64, { blockSize: 16, generator: new Generator(3407) });
 * block.forward(x).shape; // x.shape, (B, T ≤ 16, 64)
 * ```
 */
export class BoWBlock extends Module implements Layer {
  /** The causal average (no parameters). */
  readonly cbow: CausalBoW;
  /** `nEmbd → nEmbd2`. */
  readonly cFc: Linear;
  /** `nEmbd2 → nEmbd`. */
  readonly cProj: Linear;

  /** Creates the block. */
  constructor(
    /** Width of the residual stream. */
    readonly nEmbd: number,
    /** Width of the MLP's hidden layer. */
    readonly nEmbd2: number,
    options: BoWBlockOptions,
  ) {
    super();
    assertPositiveInteger('BoWBlock: nEmbd', nEmbd);
    assertPositiveInteger('BoWBlock: nEmbd2', nEmbd2);
    this.cbow = this.addModule('cbow', new CausalBoW(options.blockSize));
    const init = { generator: options.generator, dtype: options.dtype, init: 'pytorch' } as const;
    this.cFc = new Linear(nEmbd, nEmbd2, init);
    this.cProj = new Linear(nEmbd2, nEmbd, init);
    this.addModule('mlp', new MlpDict(this.cFc, this.cProj));
  }

  /** `(B, T, nEmbd)` → `(B, T, nEmbd)`. */
  forward(x: Tensor): Tensor {
    return tidy(() => {
      const h = x.add(this.cbow.forward(x));
      return h.add(this.cProj.forward(this.cFc.forward(h).tanh()));
    });
  }
}
