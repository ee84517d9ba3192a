import type { TensorInfo } from '../backend.js';
import { vals } from './buffer.js';
import { simdTakes } from './simd-gate.js';
import type { AttentionDims, SimdKernels } from './wasm/simd.js';

/** The sizes of a causal attention call: batch, time, heads, head size. */
function dims(qkv: TensorInfo, nHead: number): AttentionDims {
  const [B, T, C3] = qkv.shape as [number, number, number];
  return { B, T, nh: nHead, hs: C3 / 3 / nHead };
}

/**
 * Causal self-attention from `qkv (B, T, 3C)` into `out (B, T, C)`, keeping the attention weights in
 * `probs (B, nh, T, T)` (zero above the diagonal). wasm SIMD for float32 where the head size is a
 * multiple of 4; otherwise (and for float64) this loop, row by row: scores for the keys up to the
 * query, softmax, then the weighted sum of values.
 */
export function causalAttentionKernel(
  qkv: TensorInfo,
  out: TensorInfo,
  probs: TensorInfo,
  nHead: number,
  simd: SimdKernels | null = null,
): void {
  const size = dims(qkv, nHead);
  const { B, T, nh, hs } = size;
  const x = vals(qkv);
  if (hs % 4 === 0 && simdTakes(simd, x)) {
    simd.causalAttention(x as Float32Array, vals(out) as Float32Array, vals(probs) as Float32Array, size);
    return;
  }
  const o = vals(out);
  const p = vals(probs);
  const C = nh * hs;
  const row = 3 * C;
  const scale = 1 / Math.sqrt(hs);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < nh; h++) {
      for (let t = 0; t < T; t++) {
        const q = (b * T + t) * row + h * hs;
        const pr = ((b * nh + h) * T + t) * T;
        let m = Number.NEGATIVE_INFINITY;
        for (let s = 0; s <= t; s++) {
          const k = (b * T + s) * row + C + h * hs;
          let dot = 0;
          for (let d = 0; d < hs; d++) dot += x[q + d]! * x[k + d]!;
          p[pr + s] = dot * scale;
          if (p[pr + s]! > m) m = p[pr + s]!;
        }
        let sum = 0;
        for (let s = 0; s <= t; s++) {
          p[pr + s] = Math.exp(p[pr + s]! - m);
          sum += p[pr + s]!;
        }
        for (let s = 0; s <= t; s++) p[pr + s]! /= sum;
        for (let s = t + 1; s < T; s++) p[pr + s] = 0;
        const y = (b * T + t) * C + h * hs;
        for (let d = 0; d < hs; d++) o[y + d] = 0;
        for (let s = 0; s <= t; s++) {
          const v = (b * T + s) * row + 2 * C + h * hs;
          const w = p[pr + s]!;
          for (let d = 0; d < hs; d++) o[y + d]! += w * x[v + d]!;
        }
      }
    }
  }
}

/**
 * Gradient of {@link causalAttentionKernel} with respect to `qkv`, from the saved weights `probs`:
 * per query row, `dP = dy · vᵀ`, `dS = P ⊙ (dP − Σ P ⊙ dP)`, then `dq = scale · dS · k`,
 * `dk += scale · dSᵀ · q` and `dv += Pᵀ · dy`, written into `out (B, T, 3C)`.
 */
export function causalAttentionGradKernel(
  qkv: TensorInfo,
  probs: TensorInfo,
  dy: TensorInfo,
  out: TensorInfo,
  nHead: number,
  simd: SimdKernels | null = null,
): void {
  const size = dims(qkv, nHead);
  const { B, T, nh, hs } = size;
  const x = vals(qkv);
  if (hs % 4 === 0 && simdTakes(simd, x)) {
    const [p, g, o] = [vals(probs), vals(dy), vals(out)] as Float32Array[];
    simd.causalAttentionGrad(x as Float32Array, p!, g!, o!, size);
    return;
  }
  const p = vals(probs);
  const g = vals(dy);
  const o = vals(out);
  const C = nh * hs;
  const row = 3 * C;
  const scale = 1 / Math.sqrt(hs);
  o.fill(0);
  const dS = new Float64Array(T);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < nh; h++) {
      for (let t = 0; t < T; t++) {
        const pr = ((b * nh + h) * T + t) * T;
        const gy = (b * T + t) * C + h * hs;
        let dot = 0;
        for (let s = 0; s <= t; s++) {
          const v = (b * T + s) * row + 2 * C + h * hs;
          let dp = 0;
          for (let d = 0; d < hs; d++) dp += g[gy + d]! * x[v + d]!;
          dS[s] = dp;
          dot += p[pr + s]! * dp;
        }
        const q = (b * T + t) * row + h * hs;
        for (let s = 0; s <= t; s++) {
          const w = p[pr + s]!;
          const ds = w * (dS[s]! - dot) * scale;
          const k = (b * T + s) * row + C + h * hs;
          const v = k + C;
          for (let d = 0; d < hs; d++) {
            o[q + d]! += ds * x[k + d]!; // dq
            o[k + d]! += ds * x[q + d]!; // dk
            o[v + d]! += w * g[gy + d]!; // dv
          }
        }
      }
    }
  }
}
