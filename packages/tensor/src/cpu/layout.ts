import type { TensorInfo } from '../backend.js';
import { aroundAxis, stridesOf } from '../shape.js';
import { vals } from './buffer.js';
import { broadcastStrides, stridedCopy } from './strided.js';

/** `out.shape[i] = x.shape[perm[i]]`. */
export function permuteKernel(x: TensorInfo, out: TensorInfo, perm: readonly number[]): void {
  const xs = stridesOf(x.shape);
  const src = perm.map((p) => xs[p]!);
  stridedCopy(vals(x), 0, src, vals(out), 0, stridesOf(out.shape), out.shape);
}

/** Copies `x` broadcast to `out.shape`. */
export function broadcastToKernel(x: TensorInfo, out: TensorInfo): void {
  const xv = vals(x);
  const o = vals(out);
  if (xv.length === 1) {
    o.fill(xv[0]!);
    return;
  }
  stridedCopy(xv, 0, broadcastStrides(x.shape, out.shape), o, 0, stridesOf(out.shape), out.shape);
}

/** Strided slice read. */
export function sliceKernel(
  x: TensorInfo,
  out: TensorInfo,
  begin: readonly number[],
  step: readonly number[],
): void {
  const xs = stridesOf(x.shape);
  let off = 0;
  for (let i = 0; i < xs.length; i++) off += begin[i]! * xs[i]!;
  const src = xs.map((s, i) => s * step[i]!);
  stridedCopy(vals(x), off, src, vals(out), 0, stridesOf(out.shape), out.shape);
}

/** Zeros `out`, then writes `dy` at the sliced positions. */
export function sliceGradKernel(
  dy: TensorInfo,
  out: TensorInfo,
  begin: readonly number[],
  step: readonly number[],
): void {
  const o = vals(out);
  o.fill(0);
  const os = stridesOf(out.shape);
  let off = 0;
  for (let i = 0; i < os.length; i++) off += begin[i]! * os[i]!;
  const dst = os.map((s, i) => s * step[i]!);
  stridedCopy(vals(dy), 0, stridesOf(dy.shape), o, off, dst, dy.shape);
}

/** Concatenates along `axis`: for every outer index, each input contributes one contiguous chunk. */
export function concatKernel(xs: readonly TensorInfo[], out: TensorInfo, axis: number): void {
  const o = vals(out);
  const { outer, size, inner } = aroundAxis(out.shape, axis);
  const rowLen = size * inner;
  let colOff = 0;
  for (const x of xs) {
    const xv = vals(x);
    const chunk = x.shape[axis]! * inner;
    for (let b = 0; b < outer; b++) {
      const src = b * chunk;
      const dst = b * rowLen + colOff;
      for (let j = 0; j < chunk; j++) o[dst + j] = xv[src + j]!;
    }
    colOff += chunk;
  }
}
