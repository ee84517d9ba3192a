import type { Reduction, TensorInfo } from '../backend.js';
import { vals } from './buffer.js';
import { useSimd } from './simd-gate.js';
import type { SimdKernels } from './wasm/simd.js';

/**
 * Fused softmax + negative log-likelihood over the last axis, numerically stable (max-shifted). The
 * softmax runs in wasm for float32 where SIMD is available; the per-row loss terms are JavaScript.
 */
export function crossEntropyKernel(
  logits: TensorInfo,
  targets: TensorInfo,
  probs: TensorInfo,
  loss: TensorInfo,
  ignoreIndex: number,
  reduction: Reduction,
  simd: SimdKernels | null = null,
): void {
  const C = logits.shape[logits.shape.length - 1]!;
  const N = vals(targets).length;
  const shifted = useSimd(simd, vals(logits), vals(probs))
    ? simd.softmaxRows(vals(logits) as Float32Array, vals(probs) as Float32Array, N, C)
    : null;
  // Views are read after the wasm call, which may have grown (and so detached) the memory.
  const x = vals(logits);
  const t = vals(targets);
  const p = vals(probs);
  const l = vals(loss);
  let total = 0;
  let count = 0;
  for (let i = 0; i < N; i++) {
    const row = i * C;
    let m: number;
    let s: number;
    if (shifted) {
      m = shifted.max[i]!;
      s = shifted.sum[i]!;
    } else {
      m = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < C; c++) if (x[row + c]! > m) m = x[row + c]!;
      s = 0;
      for (let c = 0; c < C; c++) {
        const e = Math.exp(x[row + c]! - m);
        p[row + c] = e;
        s += e;
      }
      const inv = 1 / s;
      for (let c = 0; c < C; c++) p[row + c]! *= inv;
    }
    const target = t[i]!;
    let li = 0;
    if (target !== ignoreIndex) {
      if (!(target >= 0 && target < C)) {
        throw new Error(
          `crossEntropy: target ${target} is out of range for ${C} classes (ignoreIndex is ${ignoreIndex}).`,
        );
      }
      li = m + Math.log(s) - x[row + target]!;
      total += li;
      count++;
    }
    if (reduction === 'none') l[i] = li;
  }
  if (reduction === 'mean') l[0] = total / count;
  else if (reduction === 'sum') l[0] = total;
}

/** d loss / d logits = scale * (softmax - onehot(target)), zero on ignored rows. */
export function crossEntropyGradKernel(
  probs: TensorInfo,
  targets: TensorInfo,
  dy: TensorInfo,
  out: TensorInfo,
  ignoreIndex: number,
  reduction: Reduction,
  simd: SimdKernels | null = null,
): void {
  const t = vals(targets);
  const g = vals(dy);
  const C = probs.shape[probs.shape.length - 1]!;
  const N = t.length;
  let count = 0;
  if (reduction === 'mean') for (let i = 0; i < N; i++) if (t[i] !== ignoreIndex) count++;
  const scales = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    if (t[i] === ignoreIndex) continue;
    scales[i] = reduction === 'none' ? g[i]! : reduction === 'mean' ? g[0]! / count : g[0]!;
  }
  if (useSimd(simd, vals(probs), vals(out))) {
    // out = probs scaled per row (0 on ignored rows), in wasm; then the target terms.
    simd.binaryBroadcast(
      'mul',
      vals(probs) as Float32Array,
      Float32Array.from(scales),
      vals(out) as Float32Array,
      C,
      false,
      false,
    );
  } else {
    const p = vals(probs);
    const o = vals(out);
    for (let i = 0; i < N; i++)
      for (let c = 0, row = i * C; c < C; c++) o[row + c] = scales[i]! * p[row + c]!;
  }
  const o = vals(out);
  for (let i = 0; i < N; i++) {
    if (t[i] !== ignoreIndex) o[i * C + t[i]!]! -= scales[i]!;
    else o.fill(0, i * C, (i + 1) * C); // exactly 0, even where a probability is NaN
  }
}
