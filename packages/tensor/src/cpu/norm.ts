import type { RunningStats, TensorInfo } from '../backend.js';
import { vals } from './buffer.js';
import { simdTakes } from './simd-gate.js';
import type { SimdKernels } from './wasm/simd.js';

/**
 * Layer norm over the last axis, as two passes (mean, then variance): in wasm for float32 rows whose
 * length is a multiple of 4, else here with float64 statistics.
 */
export function layerNormKernel(
  x: TensorInfo,
  out: TensorInfo,
  rstd: TensorInfo,
  eps: number,
  simd: SimdKernels | null = null,
): void {
  const C = x.shape[x.shape.length - 1]!;
  if (C % 4 === 0 && simdTakes(simd, vals(x))) {
    simd.layerNorm(vals(x) as Float32Array, vals(out) as Float32Array, vals(rstd) as Float32Array, C, eps);
    return;
  }
  const xv = vals(x);
  const o = vals(out);
  const r = vals(rstd);
  const rows = r.length;
  for (let n = 0, base = 0; n < rows; n++, base += C) {
    let sum = 0;
    for (let c = 0; c < C; c++) sum += xv[base + c]!;
    const mean = sum / C;
    let sq = 0;
    for (let c = 0; c < C; c++) {
      const d = xv[base + c]! - mean;
      sq += d * d;
    }
    const inv = 1 / Math.sqrt(sq / C + eps);
    for (let c = 0; c < C; c++) o[base + c] = (xv[base + c]! - mean) * inv;
    r[n] = inv;
  }
}

/** Gradient of {@link layerNormKernel}: `rstd · (dy − mean(dy) − xhat · mean(dy · xhat))` per row. */
export function layerNormGradKernel(
  xhat: TensorInfo,
  rstd: TensorInfo,
  dy: TensorInfo,
  out: TensorInfo,
  simd: SimdKernels | null = null,
): void {
  const C = xhat.shape[xhat.shape.length - 1]!;
  if (C % 4 === 0 && simdTakes(simd, vals(xhat))) {
    const [xh, r, g, o] = [vals(xhat), vals(rstd), vals(dy), vals(out)] as Float32Array[];
    simd.layerNormGrad(xh!, r!, g!, o!, C);
    return;
  }
  const xh = vals(xhat);
  const r = vals(rstd);
  const g = vals(dy);
  const o = vals(out);
  const rows = r.length;
  for (let n = 0, base = 0; n < rows; n++, base += C) {
    let sumG = 0;
    let sumGx = 0;
    for (let c = 0; c < C; c++) {
      sumG += g[base + c]!;
      sumGx += g[base + c]! * xh[base + c]!;
    }
    const meanG = sumG / C;
    const meanGx = sumGx / C;
    const inv = r[n]!;
    for (let c = 0; c < C; c++) o[base + c] = inv * (g[base + c]! - meanG - xh[base + c]! * meanGx);
  }
}

/**
 * Batch norm over the rows of `x` viewed as `[N, C]` (unbiased variance, as the lectures); column
 * statistics accumulate in float64 over whole rows, so the loops stream memory in order.
 */
export function batchNormKernel(
  x: TensorInfo,
  out: TensorInfo,
  rstd: TensorInfo,
  eps: number,
  running: RunningStats | null,
  simd: SimdKernels | null = null,
): void {
  if (vals(rstd).length % 4 === 0 && simdTakes(simd, vals(x))) {
    const stats = running && {
      mean: vals(running.mean) as Float32Array,
      var: vals(running.var) as Float32Array,
    };
    const [xv, o, r] = [vals(x), vals(out), vals(rstd)] as Float32Array[];
    simd.batchNorm(xv!, o!, r!, eps, stats ? { ...stats, momentum: running!.momentum } : null);
    return;
  }
  const xv = vals(x);
  const o = vals(out);
  const r = vals(rstd);
  const C = r.length;
  const N = C === 0 ? 0 : xv.length / C;
  const mean = new Float64Array(C);
  const sq = new Float64Array(C);
  for (let n = 0, base = 0; n < N; n++, base += C) for (let c = 0; c < C; c++) mean[c]! += xv[base + c]!;
  for (let c = 0; c < C; c++) mean[c]! /= N;
  for (let n = 0, base = 0; n < N; n++, base += C) {
    for (let c = 0; c < C; c++) {
      const d = xv[base + c]! - mean[c]!;
      sq[c]! += d * d;
    }
  }
  const divisor = Math.max(1, N - 1);
  for (let c = 0; c < C; c++) {
    sq[c]! /= divisor; // now the variance
    r[c] = 1 / Math.sqrt(sq[c]! + eps);
  }
  for (let n = 0, base = 0; n < N; n++, base += C) {
    for (let c = 0; c < C; c++) o[base + c] = (xv[base + c]! - mean[c]!) * r[c]!;
  }
  if (running) {
    const m = running.momentum;
    const rm = vals(running.mean);
    const rv = vals(running.var);
    for (let c = 0; c < C; c++) {
      rm[c] = (1 - m) * rm[c]! + m * mean[c]!;
      rv[c] = (1 - m) * rv[c]! + m * sq[c]!;
    }
  }
}

/** Gradient of {@link batchNormKernel}: `rstd · (dy − mean(dy) − xhat · Σ(dy · xhat) / max(1, N − 1))` per column. */
export function batchNormGradKernel(
  xhat: TensorInfo,
  rstd: TensorInfo,
  dy: TensorInfo,
  out: TensorInfo,
  simd: SimdKernels | null = null,
): void {
  if (vals(rstd).length % 4 === 0 && simdTakes(simd, vals(xhat))) {
    const [xh, r, g, o] = [vals(xhat), vals(rstd), vals(dy), vals(out)] as Float32Array[];
    simd.batchNormGrad(xh!, r!, g!, o!);
    return;
  }
  const xh = vals(xhat);
  const r = vals(rstd);
  const g = vals(dy);
  const o = vals(out);
  const C = r.length;
  const N = C === 0 ? 0 : xh.length / C;
  const sumG = new Float64Array(C);
  const sumGx = new Float64Array(C);
  for (let n = 0, base = 0; n < N; n++, base += C) {
    for (let c = 0; c < C; c++) {
      sumG[c]! += g[base + c]!;
      sumGx[c]! += g[base + c]! * xh[base + c]!;
    }
  }
  const divisor = Math.max(1, N - 1);
  for (let c = 0; c < C; c++) {
    sumG[c]! /= N;
    sumGx[c]! /= divisor;
  }
  for (let n = 0, base = 0; n < N; n++, base += C) {
    for (let c = 0; c < C; c++) o[base + c] = r[c]! * (g[base + c]! - sumG[c]! - xh[base + c]! * sumGx[c]!);
  }
}
