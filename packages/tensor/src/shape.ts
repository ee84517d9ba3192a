/** A tensor's shape: one non-negative integer per axis, `[]` for a scalar. */
export type Shape = readonly number[];

/** Number of elements of a tensor with this shape. */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i]!;
  return n;
}

/**
 * Splits `shape` around the axes `first..last`: the element counts before them (`outer`), of them
 * (`size`) and after them (`inner`). Kernels that work along an axis walk `outer × size × inner`.
 *
 * @param shape - the tensor's shape
 * @param first - first axis of the range
 * @param last - last axis of the range (default `first`)
 */
export function aroundAxis(
  shape: Shape,
  first: number,
  last = first,
): { outer: number; size: number; inner: number } {
  let outer = 1;
  let size = 1;
  let inner = 1;
  for (let i = 0; i < first; i++) outer *= shape[i]!;
  for (let i = first; i <= last; i++) size *= shape[i]!;
  for (let i = last + 1; i < shape.length; i++) inner *= shape[i]!;
  return { outer, size, inner };
}

/** Row-major (C order) strides of `shape`, in elements. */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/** Formats a shape as PyTorch prints it: `[2, 3]`. */
export function fmtShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** True when both shapes have the same rank and sizes. */
export function shapesEqual(a: Shape, b: Shape): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * The shape two operands broadcast to, NumPy/PyTorch style (align on the right; sizes must match or be 1).
 * Throws an error that names the op and both shapes.
 */
export function broadcastShapes(op: string, a: Shape, b: Shape): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = i < n - a.length ? 1 : a[i - (n - a.length)]!;
    const db = i < n - b.length ? 1 : b[i - (n - b.length)]!;
    if (da === db || db === 1) out[i] = da;
    else if (da === 1) out[i] = db;
    else {
      throw new Error(
        `${op}: shapes ${fmtShape(a)} and ${fmtShape(b)} cannot be broadcast together ` +
          `(axis ${i - n} has sizes ${da} and ${db}).`,
      );
    }
  }
  return out;
}

/** Resolves a possibly negative axis against `rank`; throws naming `op` when out of range. */
export function normAxis(op: string, axis: number, rank: number): number {
  if (!Number.isInteger(axis) || axis < -rank || axis >= Math.max(rank, 1)) {
    throw new Error(`${op}: dim ${axis} is out of range for a tensor of rank ${rank}.`);
  }
  return axis < 0 ? axis + rank : axis;
}

/** Resolves a list of axes (or all axes when undefined), sorted and deduplicated. */
export function normAxes(op: string, axes: number | readonly number[] | undefined, rank: number): number[] {
  if (axes === undefined) return Array.from({ length: rank }, (_, i) => i);
  const list = typeof axes === 'number' ? [axes] : axes;
  const out = list.map((a) => normAxis(op, a, rank));
  const set = new Set(out);
  if (set.size !== out.length) throw new Error(`${op}: dims [${list.join(', ')}] repeat an axis.`);
  return [...set].sort((x, y) => x - y);
}

/** Checks that `shape` is a list of non-negative integers; throws naming `op` otherwise. */
export function assertShape(op: string, shape: readonly number[]): void {
  if (!Array.isArray(shape))
    throw new Error(`${op}: shape must be an array of integers, got ${String(shape)}.`);
  for (const d of shape) {
    if (!Number.isInteger(d) || d < 0) {
      throw new Error(`${op}: shape ${fmtShape(shape)} must contain non-negative integers.`);
    }
  }
}
