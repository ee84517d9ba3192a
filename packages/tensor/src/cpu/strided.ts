import type { TypedArray } from '../dtype.js';
import { stridesOf } from '../shape.js';

/**
 * Copies an n-d strided view of `src` into an n-d strided view of `dst`, element by element, with
 * the innermost axis in a tight loop. Used by permute, broadcast, slice and their gradients.
 */
export function stridedCopy(
  src: TypedArray,
  srcOffset: number,
  srcStrides: readonly number[],
  dst: TypedArray,
  dstOffset: number,
  dstStrides: readonly number[],
  shape: readonly number[],
  accumulate = false,
): void {
  const rank = shape.length;
  if (rank === 0) {
    if (accumulate) dst[dstOffset]! += src[srcOffset]!;
    else dst[dstOffset] = src[srcOffset]!;
    return;
  }
  for (let i = 0; i < rank; i++) if (shape[i] === 0) return;
  const last = rank - 1;
  const n = shape[last]!;
  const ss = srcStrides[last]!;
  const ds = dstStrides[last]!;
  const idx = new Array<number>(rank).fill(0);
  let so = srcOffset;
  let d = dstOffset;
  for (;;) {
    if (accumulate) {
      for (let j = 0, s = so, t = d; j < n; j++, s += ss, t += ds) dst[t]! += src[s]!;
    } else if (ss === 1 && ds === 1) {
      for (let j = 0; j < n; j++) dst[d + j] = src[so + j]!;
    } else {
      for (let j = 0, s = so, t = d; j < n; j++, s += ss, t += ds) dst[t] = src[s]!;
    }
    // Advance the odometer over the outer axes.
    let ax = last - 1;
    while (ax >= 0) {
      idx[ax]!++;
      so += srcStrides[ax]!;
      d += dstStrides[ax]!;
      if (idx[ax]! < shape[ax]!) break;
      so -= srcStrides[ax]! * shape[ax]!;
      d -= dstStrides[ax]! * shape[ax]!;
      idx[ax] = 0;
      ax--;
    }
    if (ax < 0) return;
  }
}

/**
 * Strides that read `shape` (right-aligned) as if broadcast to `outShape`: 0 on broadcast axes.
 */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): number[] {
  const own = stridesOf(shape);
  const out = new Array<number>(outShape.length).fill(0);
  const off = outShape.length - shape.length;
  for (let i = 0; i < shape.length; i++) out[i + off] = shape[i] === 1 ? 0 : own[i]!;
  return out;
}
