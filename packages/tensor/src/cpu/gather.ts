import type { TensorInfo } from '../backend.js';
import { aroundAxis, stridesOf } from '../shape.js';
import { vals } from './buffer.js';
import { forEachRow, rowOf, rowStrides } from './strided.js';

function checkIndex(op: string, v: number, size: number): number {
  const i = v < 0 ? v + size : v;
  if (!(i >= 0 && i < size)) {
    throw new Error(`${op}: index ${v} is out of range for a dim of size ${size}.`);
  }
  return i;
}

/** tf.gather-style take along `axis`. */
export function takeKernel(x: TensorInfo, index: TensorInfo, out: TensorInfo, axis: number): void {
  const xv = vals(x);
  const iv = vals(index);
  const o = vals(out);
  const { outer, size: d, inner } = aroundAxis(x.shape, axis);
  const m = iv.length;
  let dst = 0;
  for (let b = 0; b < outer; b++) {
    for (let j = 0; j < m; j++) {
      const src = (b * d + checkIndex('index', iv[j]!, d)) * inner;
      for (let k = 0; k < inner; k++) o[dst++] = xv[src + k]!;
    }
  }
}

/** Scatter-add adjoint of take (the embedding gradient). */
export function takeGradKernel(dy: TensorInfo, index: TensorInfo, out: TensorInfo, axis: number): void {
  const g = vals(dy);
  const iv = vals(index);
  const o = vals(out);
  o.fill(0);
  const { outer, size: d, inner } = aroundAxis(out.shape, axis);
  const m = iv.length;
  let src = 0;
  for (let b = 0; b < outer; b++) {
    for (let j = 0; j < m; j++) {
      // checkIndex keeps the row inside `out`, so every element read back below exists.
      const dst = (b * d + checkIndex('index', iv[j]!, d)) * inner;
      for (let k = 0; k < inner; k++) o[dst + k]! += g[src++]!;
    }
  }
}

function gatherWalk(
  xShape: readonly number[],
  index: TensorInfo,
  axis: number,
  visit: (xOffset: number, linear: number) => void,
): void {
  const iv = vals(index);
  const xs = stridesOf(xShape);
  // x's offset of each index position, but along `axis`, where the index value decides it.
  const across = xs.map((st, ax) => (ax === axis ? 0 : st));
  const size = xShape[axis]!;
  const step = xs[axis]!;
  const { length } = rowOf(index.shape);
  const [inRow] = rowStrides([across]) as [number];
  // Along the last axis the index values move the offset when it is `axis`, the strides otherwise.
  forEachRow(index.shape, [across], (start, at) => {
    for (let j = 0, i = start, off = at[0]!; j < length; j++, i++, off += inRow) {
      visit(off + checkIndex('gather', iv[i]!, size) * step, i);
    }
  });
}

/** PyTorch gather along `axis`. */
export function gatherKernel(x: TensorInfo, index: TensorInfo, out: TensorInfo, axis: number): void {
  const xv = vals(x);
  const o = vals(out);
  gatherWalk(x.shape, index, axis, (off, i) => {
    o[i] = xv[off]!;
  });
}

/** Scatter-add adjoint of gather. */
export function gatherGradKernel(dy: TensorInfo, index: TensorInfo, out: TensorInfo, axis: number): void {
  const g = vals(dy);
  const o = vals(out);
  o.fill(0);
  // gatherWalk visits only checked offsets inside `out`, so the element read back exists.
  gatherWalk(out.shape, index, axis, (off, i) => {
    o[off]! += g[i]!;
  });
}

/** One-hot rows for int32 indices. */
export function oneHotKernel(index: TensorInfo, out: TensorInfo): void {
  const iv = vals(index);
  const o = vals(out);
  o.fill(0);
  const depth = out.shape[out.shape.length - 1]!;
  for (let i = 0; i < iv.length; i++) {
    const c = iv[i]!;
    if (!(c >= 0 && c < depth)) {
      throw new Error(`oneHot: index ${c} is out of range for ${depth} classes.`);
    }
    o[i * depth + c] = 1;
  }
}
