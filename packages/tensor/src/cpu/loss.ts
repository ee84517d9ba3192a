import type { Reduction, TensorInfo } from '../backend.js';
import { vals } from './buffer.js';

/** Fused softmax + negative log-likelihood over the last axis, numerically stable (max-shifted). */
export function crossEntropyKernel(
  logits: TensorInfo,
  targets: TensorInfo,
  probs: TensorInfo,
  loss: TensorInfo,
  ignoreIndex: number,
  reduction: Reduction,
): void {
  const x = vals(logits);
  const t = vals(targets);
  const p = vals(probs);
  const l = vals(loss);
  const C = logits.shape[logits.shape.length - 1]!;
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
): void {
  const p = vals(probs);
  const t = vals(targets);
  const g = vals(dy);
  const o = vals(out);
  const C = probs.shape[probs.shape.length - 1]!;
  const N = t.length;
  let count = 0;
  if (reduction === 'mean') for (let i = 0; i < N; i++) if (t[i] !== ignoreIndex) count++;
  for (let i = 0; i < N; i++) {
    const row = i * C;
    const target = t[i]!;
    if (target === ignoreIndex) {
      for (let c = 0; c < C; c++) o[row + c] = 0;
      continue;
    }
    const scale = reduction === 'none' ? g[i]! : reduction === 'mean' ? g[0]! / count : g[0]!;
    for (let c = 0; c < C; c++) o[row + c] = scale * p[row + c]!;
    o[row + target]! -= scale;
  }
}
