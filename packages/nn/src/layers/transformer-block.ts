import type { Tensor } from '@makemore/tensor';
import { tidy } from '@makemore/tensor';
import { type Layer, Module } from '../module.js';
import { GELU } from './activations.js';
import { CausalSelfAttention, type CausalSelfAttentionOptions } from './attention.js';
import { LayerNorm } from './layer-norm.js';
import { Linear } from './linear.js';
import { Sequential } from './sequential.js';

/**
 * A pre-norm Transformer block, makemore's `Block`: `x + attn(ln_1(x))`, then
 * `x + mlp(ln_2(x))` where the MLP is `c_fc` (C → 4C), GELU, `c_proj` (4C → C).
 *
 * @example
 * ```ts
 * const block = new TransformerBlock(64, 4, { blockSize: 16, generator: new Generator(3407) });
 * block.forward(x).shape; // (B, T, 64)
 * ```
 */
export class TransformerBlock extends Module implements Layer {
  /** Norm before attention. */
  readonly ln1: LayerNorm;
  /** Masked multi-head self-attention. */
  readonly attn: CausalSelfAttention;
  /** Norm before the MLP. */
  readonly ln2: LayerNorm;
  /** C → 4C → C with GELU (tensors named `mlp.0.*` and `mlp.2.*`). */
  readonly mlp: Sequential;

  /** Creates the block. */
  constructor(nEmbd: number, nHead: number, options: CausalSelfAttentionOptions) {
    super();
    this.ln1 = this.addModule('ln_1', new LayerNorm(nEmbd, { dtype: options.dtype }));
    this.attn = this.addModule('attn', new CausalSelfAttention(nEmbd, nHead, options));
    this.ln2 = this.addModule('ln_2', new LayerNorm(nEmbd, { dtype: options.dtype }));
    this.mlp = this.addModule(
      'mlp',
      new Sequential([
        new Linear(nEmbd, 4 * nEmbd, { ...options, init: 'pytorch' }),
        new GELU(),
        new Linear(4 * nEmbd, nEmbd, { ...options, init: 'pytorch' }),
      ]),
    );
  }

  /** `(B, T, C)` → `(B, T, C)`. */
  forward(x: Tensor): Tensor {
    return tidy(() => {
      const h = x.add(this.attn.forward(this.ln1.forward(x)));
      return h.add(this.mlp.forward(this.ln2.forward(h)));
    });
  }
}
