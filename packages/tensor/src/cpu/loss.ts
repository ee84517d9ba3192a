import type { Reduction, TensorInfo } from '../backend.js';
import { vals } from './buffer.js';
import { useSimd } from './simd-gate.js';
import type { SimdKernels } from './wasm/simd.js';

/**
 * Fused softmax + negative log-likelihood over the last axis, numerically stable (max-shifted). For
 * float32 logits and int32 targets where SIMD is available, the whole loss runs in wasm; otherwise
 * the JavaScript loop below.
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
  const t = vals(targets);
  if (t instanceof Int32Array && useSimd(simd, vals(logits), vals(probs), vals(loss))) {
    const rowLoss = reduction === 'none' ? (vals(loss) as Float32Array) : null;
    const { counted, total } = simd.crossEntropy(
      vals(logits) as Float32Array,
      t,
      vals(probs) as Float32Array,
      rowLoss,
      C,
      ignoreIndex,
    );
    if (counted < 0) throw targetRangeError(vals(targets)[-counted - 1]!, C, ignoreIndex);
    // Views are read after the wasm call, which may have grown (and so detached) the memory.
    if (reduction === 'mean') vals(loss)[0] = total / counted;
    else if (reduction === 'sum') vals(loss)[0] = total;
    return;
  }
  const x = vals(logits);
  const p = vals(probs);
  const l = vals(loss);
  const N = t.length;
  let total = 0;
  let count = 0;
  for (let i = 0; i < N; i++) {
    const row = i * C;
    let m = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < C; c++) if (x[row + c]! > m) m = x[row + c]!;
    let s = 0;
    for (let c = 0; c < C; c++) {
      const e = Math.exp(x[row + c]! - m);
      p[row + c] = e;
      s += e;
    }
    const inv = 1 / s;
    for (let c = 0; c < C; c++) p[row + c]! *= inv;
    const target = t[i]!;
    let li = 0;
    if (target !== ignoreIndex) {
      if (!(target >= 0 && target < C)) throw targetRangeError(target, C, ignoreIndex);
      li = m + Math.log(s) - x[row + target]!;
      total += li;
      count++;
    }
    if (reduction === 'none') l[i] = li;
  }
  if (reduction === 'mean') l[0] = total / count;
  else if (reduction === 'sum') l[0] = total;
}

function targetRangeError(target: number, C: number, ignoreIndex: number): Error {
  return new Error(
    `crossEntropy: target ${target} is out of range for ${C} classes (ignoreIndex is ${ignoreIndex}).`,
  );
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
  const shared = reduction === 'mean' ? g[0]! / count : g[0]!;
  if (t instanceof Int32Array && useSimd(simd, vals(probs), vals(out), g)) {
    const perRow = reduction === 'none';
    simd.crossEntropyGrad(
      vals(probs) as Float32Array,
      t,
      g as Float32Array,
      vals(out) as Float32Array,
      C,
      ignoreIndex,
      perRow,
      perRow ? 0 : shared,
    );
    return;
  }
  const p = vals(probs);
  const o = vals(out);
  for (let i = 0; i < N; i++) {
    const row = i * C;
    if (t[i] === ignoreIndex) {
      o.fill(0, row, row + C); // exactly 0, even where a probability is NaN
      continue;
    }
    const scale = reduction === 'none' ? g[i]! : shared;
    for (let c = 0; c < C; c++) o[row + c] = scale * p[row + c]!;
    o[row + t[i]!]! -= scale;
  }
}
