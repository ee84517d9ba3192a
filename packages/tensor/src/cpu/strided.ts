import type { TypedArray } from '../dtype.js';
import { sizeOf, stridesOf } from '../shape.js';

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
  const { length: n } = rowOf(shape);
  const [ss, ds] = rowStrides([srcStrides, dstStrides]) as [number, number];
  forEachRow(shape, [srcStrides, dstStrides], (_start, at) => {
    const so = srcOffset + at[0]!;
    const d = dstOffset + at[1]!;
    if (accumulate) {
      for (let j = 0, s = so, t = d; j < n; j++, s += ss, t += ds) dst[t]! += src[s]!;
    } else if (ss === 1 && ds === 1) {
      for (let j = 0; j < n; j++) dst[d + j] = src[so + j]!;
    } else {
      for (let j = 0, s = so, t = d; j < n; j++, s += ss, t += ds) dst[t] = src[s]!;
    }
  });
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

/**
 * Walks `shape` in row-major order a row (the last axis) at a time: `visit(start, offsets)` gets the
 * flat index of the row's first element and that element's offset in each operand, whose `strides`
 * over `shape` say where it lies (0 on an axis it is broadcast along); the caller runs the row itself
 * in a tight loop with the operands' last strides (see {@link rowOf}). The one odometer behind the
 * general cases of the broadcasting, reducing and gathering kernels; `offsets` is one array, updated
 * in place from row to row.
 */
export function forEachRow(
  shape: readonly number[],
  strides: readonly (readonly number[])[],
  visit: (start: number, offsets: readonly number[]) => void,
): void {
  const { length, outer } = rowOf(shape);
  if (length === 0) return;
  const k = strides.length;
  const idx = new Array<number>(outer.length).fill(0);
  const offsets = new Array<number>(k).fill(0);
  const rows = sizeOf(outer);
  for (let r = 0; r < rows; r++) {
    visit(r * length, offsets);
    for (let ax = outer.length - 1; ax >= 0; ax--) {
      idx[ax]!++;
      for (let j = 0; j < k; j++) offsets[j]! += strides[j]![ax]!;
      if (idx[ax]! < outer[ax]!) break;
      for (let j = 0; j < k; j++) offsets[j]! -= strides[j]![ax]! * outer[ax]!;
      idx[ax] = 0;
    }
  }
}

/** The rows {@link forEachRow} walks: their length (1 for a scalar) and the shape of the axes before. */
export function rowOf(shape: readonly number[]): { length: number; outer: readonly number[] } {
  return shape.length === 0
    ? { length: 1, outer: [] }
    : { length: shape[shape.length - 1]!, outer: shape.slice(0, -1) };
}

/** The stride of each operand along the last axis of the rows {@link forEachRow} walks (0 for a scalar). */
export function rowStrides(strides: readonly (readonly number[])[]): number[] {
  return strides.map((s) => s[s.length - 1] ?? 0);
}
