import type { TensorInfo } from '../backend.js';
import { vals } from './buffer.js';

/** Layer norm over the last axis; statistics accumulate in float64, as two passes (mean, then variance). */
export function layerNormKernel(x: TensorInfo, out: TensorInfo, rstd: TensorInfo, eps: number): void {
  const xv = vals(x);
  const o = vals(out);
  const r = vals(rstd);
  const C = x.shape[x.shape.length - 1]!;
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
): void {
  const xh = vals(xhat);
  const r = vals(rstd);
  const g = vals(dy);
  const o = vals(out);
  const C = xhat.shape[xhat.shape.length - 1]!;
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
