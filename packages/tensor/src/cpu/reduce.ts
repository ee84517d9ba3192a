import type { TensorInfo } from '../backend.js';
import { aroundAxis, stridesOf } from '../shape.js';
import { vals } from './buffer.js';
import { useSimd } from './simd-gate.js';
import { forEachRow, rowOf, rowStrides } from './strided.js';
import type { SimdKernels } from './wasm/simd.js';

/** Sum or max over `axes`. Contiguous axis runs use an outer/reduced/inner loop; others an odometer. */
export function reduceKernel(
  x: TensorInfo,
  out: TensorInfo,
  op: 'sum' | 'max',
  axes: readonly number[],
  simd: SimdKernels | null = null,
): void {
  const xv = vals(x);
  const o = vals(out);
  const shape = x.shape;
  const isMax = op === 'max';
  const init = isMax ? Number.NEGATIVE_INFINITY : 0;
  if (axes.length === 0) {
    o.set(xv);
    return;
  }
  let contiguous = true;
  for (let i = 1; i < axes.length; i++) if (axes[i] !== axes[i - 1]! + 1) contiguous = false;
  if (contiguous) {
    const p = axes[0]!;
    const q = axes[axes.length - 1]!;
    const { outer, size: red, inner } = aroundAxis(shape, p, q);
    if (!isMax && useSimd(simd, xv, o)) {
      simd.sumMiddle(xv as Float32Array, o as Float32Array, outer, red, inner);
      return;
    }
    if (inner === 1) {
      for (let b = 0; b < outer; b++) {
        const base = b * red;
        let acc = init;
        if (isMax) {
          for (let r = 0; r < red; r++) {
            const v = xv[base + r]!;
            if (v > acc || Number.isNaN(v)) acc = v;
          }
        } else {
          for (let r = 0; r < red; r++) acc += xv[base + r]!;
        }
        o[b] = acc;
      }
      return;
    }
    // Reduce over a middle block: accumulate whole inner rows (vectorisable, cache friendly) in
    // `out` itself, which rounds as its dtype does; j < inner keeps the read-backs inside the row.
    for (let b = 0; b < outer; b++) {
      const ob = b * inner;
      for (let j = 0; j < inner; j++) o[ob + j] = init;
      for (let r = 0; r < red; r++) {
        const base = (b * red + r) * inner;
        if (isMax) {
          for (let j = 0; j < inner; j++) {
            const v = xv[base + j]!;
            if (v > o[ob + j]! || Number.isNaN(v)) o[ob + j] = v;
          }
        } else {
          for (let j = 0; j < inner; j++) o[ob + j]! += xv[base + j]!;
        }
      }
    }
    return;
  }
  // General case: walk x in order, tracking the output offset (stride 0 on reduced axes), which
  // stays inside `out` as the odometer wraps each axis.
  o.fill(init);
  const keptShape = shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const os = stridesOf(keptShape).map((st, i) => (axes.includes(i) ? 0 : st));
  const { length } = rowOf(shape);
  const [step] = rowStrides([os]) as [number];
  forEachRow(shape, [os], (start, at) => {
    for (let j = 0, i = start, oi = at[0]!; j < length; j++, i++, oi += step) {
      const v = xv[i]!;
      if (isMax) {
        if (v > o[oi]! || Number.isNaN(v)) o[oi] = v;
      } else o[oi]! += v;
    }
  });
}

/** Index of the first maximum along `axis`. */
export function argmaxKernel(x: TensorInfo, out: TensorInfo, axis: number): void {
  const xv = vals(x);
  const o = vals(out);
  const { outer, size: red, inner } = aroundAxis(x.shape, axis);
  for (let b = 0; b < outer; b++) {
    for (let j = 0; j < inner; j++) {
      let best = Number.NEGATIVE_INFINITY;
      let bi = 0;
      for (let r = 0; r < red; r++) {
        const v = xv[(b * red + r) * inner + j]!;
        if (v > best || (Number.isNaN(v) && !Number.isNaN(best))) {
          best = v;
          bi = r;
        }
      }
      o[b * inner + j] = bi;
    }
  }
}
