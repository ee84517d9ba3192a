import { causalAttention, type Tensor, tidy } from '@makemore/tensor';
import type { InitOptions } from '../init.js';
import { Module } from '../module.js';
import { assertPositiveInteger, NnError, shapeError } from '../nn-error.js';
import { Linear } from './linear.js';

/** Options of {@link CausalSelfAttention}. */
export interface CausalSelfAttentionOptions extends InitOptions {
  /** Longest sequence the layer accepts (makemore's `block_size`). */
  blockSize: number;
}

/**
 * Multi-head masked self-attention, makemore's `CausalSelfAttention`: one projection to queries, keys
 * and values (`c_attn`), scaled dot-product attention where position `t` sees positions `≤ t`, and an
 * output projection (`c_proj`). Linear layers use PyTorch's default init, as makemore.
 *
 * @example
 * ```ts
 * const attn = new CausalSelfAttention(64, 4, { blockSize: 16, generator: new Generator(3407) });
 * attn.forward(x).shape; // x.shape, (B, T, 64)
 * ```
 */
export class CausalSelfAttention extends Module {
  /** `(C)` → `(3C)`: queries, keys and values. */
  readonly cAttn: Linear;
  /** `(C)` → `(C)`. */
  readonly cProj: Linear;
  /** See {@link CausalSelfAttentionOptions.blockSize}. */
  readonly blockSize: number;

  /** Creates the layer. */
  constructor(
    /** Embedding size C. */
    readonly nEmbd: number,
    /** Number of heads; must divide `nEmbd`. */
    readonly nHead: number,
    options: CausalSelfAttentionOptions,
  ) {
    super();
    assertPositiveInteger('CausalSelfAttention: nEmbd', nEmbd);
    assertPositiveInteger('CausalSelfAttention: nHead', nHead);
    assertPositiveInteger('CausalSelfAttention: blockSize', options.blockSize);
    if (nEmbd % nHead !== 0) {
      throw new NnError(
        'BAD_ARGUMENT',
        `CausalSelfAttention: nEmbd (${nEmbd}) must be divisible by nHead (${nHead}).`,
      );
    }
    this.blockSize = options.blockSize;
    this.cAttn = this.addModule('c_attn', new Linear(nEmbd, 3 * nEmbd, { ...options, init: 'pytorch' }));
    this.cProj = this.addModule('c_proj', new Linear(nEmbd, nEmbd, { ...options, init: 'pytorch' }));
  }

  /** `(B, T, C)` → `(B, T, C)` with `T ≤ blockSize`. */
  forward(x: Tensor): Tensor {
    if (x.ndim !== 3 || x.shape[2] !== this.nEmbd || x.shape[1]! > this.blockSize) {
      throw shapeError('CausalSelfAttention', `(B, T ≤ ${this.blockSize}, ${this.nEmbd})`, x.shape);
    }
    return tidy(() => {
      const qkv = this.cAttn.forward(x); // (B, T, 3C)
      // Split into heads, masked softmax(q kᵀ / √hs) v, heads merged back: one fused op.
      const y = causalAttention(qkv, this.nHead); // (B, T, C)
      return this.cProj.forward(y);
    });
  }
}
