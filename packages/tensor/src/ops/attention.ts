import { isFloat } from '../dtype.js';
import { ENGINE } from '../engine.js';
import { fmtShape } from '../shape.js';
import type { OpDef } from './types.js';

/** Attributes of the fused causal self-attention ops. */
export interface CausalAttentionAttrs {
  /** Number of heads; divides the embedding size C. */
  nHead: number;
}

// Causal self-attention is one op, as PyTorch's F.scaled_dot_product_attention(is_causal=True): from
// the fused query/key/value projection `qkv (B, T, 3C)` straight to `y (B, T, C)`, heads read and
// written in place. Composed, it was three slices, four permute copies, two batched matmuls, a scale,
// a masked fill and a five-op softmax forward, and twice as many kernels backward.
/** Fused causal self-attention (forward saves the attention weights; backward is one kernel). */
export const ATTENTION_OPS: {
  causalAttention: OpDef<CausalAttentionAttrs>;
  causalAttentionBackward: OpDef<CausalAttentionAttrs>;
} = {
  causalAttention: {
    forward([qkv], { nHead }, ctx) {
      const s = qkv!.shape;
      if (s.length !== 3 || s[2]! % 3 !== 0 || s[2] === 0) {
        throw new Error(`causalAttention: expected qkv of shape [B, T, 3C], got ${fmtShape(s)}.`);
      }
      const C = s[2]! / 3;
      if (!(Number.isInteger(nHead) && nHead > 0 && C % nHead === 0)) {
        throw new Error(`causalAttention: nHead (${nHead}) must be a positive divisor of C (${C}).`);
      }
      if (!isFloat(qkv!.dtype))
        throw new Error(`causalAttention: qkv must be floating point, got ${qkv!.dtype}.`);
      const [B, T] = s as [number, number, number];
      const out = ctx.empty([B, T, C], qkv!.dtype);
      const probs = ctx.empty([B, nHead, T, T], qkv!.dtype);
      ctx.backend.kernels.causalAttention(qkv!, out, probs, nHead);
      ctx.save(probs);
      return out;
    },
    backward(dy, { inputs, saved, attrs }) {
      return [ENGINE.run('causalAttentionBackward', [inputs[0]!, saved[0]!, dy], attrs)];
    },
  },
  causalAttentionBackward: {
    forward([qkv, probs, dy], { nHead }, ctx) {
      const out = ctx.empty(qkv!.shape, qkv!.dtype);
      ctx.backend.kernels.causalAttentionGrad(qkv!, probs!, dy!, out, nHead);
      return out;
    },
    backward: null,
  },
};
