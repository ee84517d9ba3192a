import type { AdamWScalars, BinaryFn, TensorInfo, UnaryFn } from '../backend.js';
import type { TypedArray } from '../dtype.js';
import { vals } from './buffer.js';
import { useSimd } from './simd-gate.js';
import { broadcastStrides, forEachRow, rowOf, rowStrides } from './strided.js';
import { SIMD_BINARY_CODES, type SimdBinaryName, type SimdKernels } from './wasm/simd.js';

/** The unary functions with a wasm loop (float32). */
const SIMD_UNARY = new Set<string>(['tanh', 'gelu', 'exp', 'sigmoid'] satisfies SimdUnaryName[]);
type SimdUnaryName = 'tanh' | 'gelu' | 'exp' | 'sigmoid';

/** `out[i] = f(x[i])`: wasm where it has the function, hand-written loops for the hot ones, else `f.fn`. */
export function unaryKernel(
  x: TensorInfo,
  out: TensorInfo,
  f: UnaryFn,
  simd: SimdKernels | null = null,
): void {
  const xs = vals(x);
  const o = vals(out);
  const n = o.length;
  if (SIMD_UNARY.has(f.name) && useSimd(simd, xs, o)) {
    simd[f.name as SimdUnaryName](xs as Float32Array, o as Float32Array);
    return;
  }
  switch (f.name) {
    case 'tanh':
      for (let i = 0; i < n; i++) o[i] = Math.tanh(xs[i]!);
      return;
    case 'exp':
      for (let i = 0; i < n; i++) o[i] = Math.exp(xs[i]!);
      return;
    case 'neg':
      for (let i = 0; i < n; i++) o[i] = -xs[i]!;
      return;
    case 'relu':
      for (let i = 0; i < n; i++) o[i] = Math.max(xs[i]!, 0);
      return;
    case 'copy':
      if (xs.constructor === o.constructor) o.set(xs);
      else for (let i = 0; i < n; i++) o[i] = xs[i]!;
      return;
  }
  const fn = f.fn;
  for (let i = 0; i < n; i++) o[i] = fn(xs[i]!);
}

/** The wasm loop for a binary function, if there is one. */
function simdBinaryName(name: BinaryFn['name']): SimdBinaryName | null {
  return name in SIMD_BINARY_CODES ? (name as SimdBinaryName) : null;
}

/**
 * A loop over `outer` blocks of `inner` elements of a full-size `x` and a broadcast `y`: element r of
 * block b reads `y[r]` when `row` (a bias add), else `y[b % y.length]` (`x - max(keepdim)`).
 */
type BlockLoop = (
  x: TypedArray,
  y: TypedArray,
  o: TypedArray,
  outer: number,
  inner: number,
  row: boolean,
) => void;

// Those two broadcast patterns cover almost every call. The arithmetic is written out per function
// rather than called through `f.fn`, which a loop shared by every function could not inline; `r`-prefixed
// names swap the operands (the broadcast one is on the left).
const BLOCK_LOOPS: Partial<Record<string, BlockLoop>> = {
  add(x, y, o, outer, inner, row) {
    for (let b = 0, i = 0; b < outer; b++)
      for (let r = 0, k = row ? 0 : b % y.length, step = row ? 1 : 0; r < inner; r++, i++, k += step)
        o[i] = x[i]! + y[k]!;
  },
  sub(x, y, o, outer, inner, row) {
    for (let b = 0, i = 0; b < outer; b++)
      for (let r = 0, k = row ? 0 : b % y.length, step = row ? 1 : 0; r < inner; r++, i++, k += step)
        o[i] = x[i]! - y[k]!;
  },
  rsub(x, y, o, outer, inner, row) {
    for (let b = 0, i = 0; b < outer; b++)
      for (let r = 0, k = row ? 0 : b % y.length, step = row ? 1 : 0; r < inner; r++, i++, k += step)
        o[i] = y[k]! - x[i]!;
  },
  mul(x, y, o, outer, inner, row) {
    for (let b = 0, i = 0; b < outer; b++)
      for (let r = 0, k = row ? 0 : b % y.length, step = row ? 1 : 0; r < inner; r++, i++, k += step)
        o[i] = x[i]! * y[k]!;
  },
  div(x, y, o, outer, inner, row) {
    for (let b = 0, i = 0; b < outer; b++)
      for (let r = 0, k = row ? 0 : b % y.length, step = row ? 1 : 0; r < inner; r++, i++, k += step)
        o[i] = x[i]! / y[k]!;
  },
  rdiv(x, y, o, outer, inner, row) {
    for (let b = 0, i = 0; b < outer; b++)
      for (let r = 0, k = row ? 0 : b % y.length, step = row ? 1 : 0; r < inner; r++, i++, k += step)
        o[i] = y[k]! / x[i]!;
  },
};

/**
 * Describes how a broadcast operand maps onto the output in block form, or returns null when it
 * does not fit one of the two fast patterns. The operand, right-aligned and padded with ones, must
 * look like `[1.., out[p..q], 1..]`: then `inner = prod(out[q+1:])` and the operand is either
 * constant over each inner block (`col`) or, when `inner` is 1, repeats as a row.
 */
function blockPattern(
  shape: readonly number[],
  out: readonly number[],
): { kind: 'row' | 'col'; inner: number } | null {
  const off = out.length - shape.length;
  const padded = new Array<number>(out.length).fill(1);
  for (let i = 0; i < shape.length; i++) padded[i + off] = shape[i]!;
  let first = -1;
  let last = -1;
  for (let i = 0; i < out.length; i++) {
    if (padded[i] !== 1) {
      if (first < 0) first = i;
      last = i;
    }
  }
  if (first < 0) return { kind: 'col', inner: sizeFrom(out, 0) };
  for (let i = first; i <= last; i++) if (padded[i] !== out[i]) return null;
  const inner = sizeFrom(out, last + 1);
  if (inner === 1) return { kind: 'row', inner: sizeFrom(out, first) };
  return { kind: 'col', inner };
}

function sizeFrom(shape: readonly number[], start: number): number {
  let n = 1;
  for (let i = start; i < shape.length; i++) n *= shape[i]!;
  return n;
}

/** `out = f(a, b)` with broadcasting. */
export function binaryKernel(
  a: TensorInfo,
  b: TensorInfo,
  out: TensorInfo,
  f: BinaryFn,
  simd: SimdKernels | null = null,
): void {
  const av = vals(a);
  const bv = vals(b);
  const o = vals(out);
  const n = o.length;
  if (n === 0) return;
  const fn = f.fn;
  const simdName = simdBinaryName(f.name);
  if (av.length === n && bv.length === n) {
    if (simdName && useSimd(simd, av, bv, o)) {
      simd.binarySame(simdName, av as Float32Array, bv as Float32Array, o as Float32Array);
      return;
    }
    switch (f.name) {
      case 'add':
        for (let i = 0; i < n; i++) o[i] = av[i]! + bv[i]!;
        return;
      case 'sub':
        for (let i = 0; i < n; i++) o[i] = av[i]! - bv[i]!;
        return;
      case 'mul':
        for (let i = 0; i < n; i++) o[i] = av[i]! * bv[i]!;
        return;
      case 'div':
        for (let i = 0; i < n; i++) o[i] = av[i]! / bv[i]!;
        return;
      case 'tanhGrad':
        for (let i = 0; i < n; i++) {
          const y = bv[i]!;
          o[i] = av[i]! * (1 - y * y);
        }
        return;
      case 'reluGrad':
        for (let i = 0; i < n; i++) o[i] = bv[i]! > 0 ? av[i]! : 0;
        return;
      case 'geluGrad':
        if (useSimd(simd, av, bv, o)) {
          simd.geluGrad(av as Float32Array, bv as Float32Array, o as Float32Array);
          return;
        }
        for (let i = 0; i < n; i++) o[i] = fn(av[i]!, bv[i]!);
        return;
      default:
        for (let i = 0; i < n; i++) o[i] = fn(av[i]!, bv[i]!);
        return;
    }
  }
  // One operand is full size and the other fits a block pattern: a tight two-level loop.
  const swapped = av.length !== n;
  const full = swapped ? bv : av;
  const part = swapped ? av : bv;
  if (full.length === n) {
    const pat = blockPattern(swapped ? a.shape : b.shape, out.shape);
    if (pat) {
      if (simdName && useSimd(simd, full, part, o)) {
        simd.binaryBroadcast(
          simdName,
          full as Float32Array,
          part as Float32Array,
          o as Float32Array,
          pat.inner,
          pat.kind === 'row',
          swapped,
        );
        return;
      }
      const name = swapped && (f.name === 'sub' || f.name === 'div') ? `r${f.name}` : f.name;
      const loop = BLOCK_LOOPS[name];
      const outer = n / pat.inner;
      const row = pat.kind === 'row';
      if (loop) {
        loop(full, part, o, outer, pat.inner, row);
        return;
      }
      const m = part.length;
      for (let blk = 0, i = 0; blk < outer; blk++) {
        for (let r = 0, k = row ? 0 : blk % m, step = row ? 1 : 0; r < pat.inner; r++, i++, k += step) {
          o[i] = swapped ? fn(part[k]!, full[i]!) : fn(full[i]!, part[k]!);
        }
      }
      return;
    }
  }
  // Fully general broadcast: each operand read at its broadcast offset.
  const strides = [broadcastStrides(a.shape, out.shape), broadcastStrides(b.shape, out.shape)];
  const { length } = rowOf(out.shape);
  const [sa, sb] = rowStrides(strides) as [number, number];
  forEachRow(out.shape, strides, (start, at) => {
    for (let j = 0, i = start, p = at[0]!, q = at[1]!; j < length; j++, i++, p += sa, q += sb) {
      o[i] = fn(av[p]!, bv[q]!);
    }
  });
}

/** `out = a + alpha * b`, same shapes. */
export function axpyKernel(
  a: TensorInfo,
  b: TensorInfo,
  alpha: number,
  out: TensorInfo,
  simd: SimdKernels | null = null,
): void {
  const av = vals(a);
  const bv = vals(b);
  const o = vals(out);
  const n = o.length;
  if (useSimd(simd, av, bv, o)) {
    simd.axpy(av as Float32Array, bv as Float32Array, alpha, o as Float32Array);
    return;
  }
  if (alpha === 1) for (let i = 0; i < n; i++) o[i] = av[i]! + bv[i]!;
  else for (let i = 0; i < n; i++) o[i] = av[i]! + alpha * bv[i]!;
}

/** `out = cond != 0 ? a : b` with broadcasting of all three. */
export function whereKernel(cond: TensorInfo, a: TensorInfo, b: TensorInfo, out: TensorInfo): void {
  const cv = vals(cond);
  const av = vals(a);
  const bv = vals(b);
  const o = vals(out);
  const n = o.length;
  if (cv.length === n && av.length === n && bv.length === n) {
    for (let i = 0; i < n; i++) o[i] = cv[i] !== 0 ? av[i]! : bv[i]!;
    return;
  }
  const shape = out.shape;
  // Each operand full size, a scalar, or repeating along the leading axes (a causal mask over a batch
  // of attention scores): element i of the output reads element i % length of each.
  const repeats = (t: TensorInfo, len: number) =>
    len === n || len === 1 || (len > 0 && blockPattern(t.shape, shape)?.kind === 'row');
  if (n > 0 && repeats(cond, cv.length) && repeats(a, av.length) && repeats(b, bv.length)) {
    const cl = cv.length;
    const al = av.length;
    const bl = bv.length;
    for (let i = 0; i < n; i++) o[i] = cv[i % cl] !== 0 ? av[i % al]! : bv[i % bl]!;
    return;
  }
  const strides = [cond, a, b].map((t) => broadcastStrides(t.shape, shape));
  const { length } = rowOf(shape);
  const [sc, sa, sb] = rowStrides(strides) as [number, number, number];
  forEachRow(shape, strides, (start, at) => {
    for (
      let j = 0, i = start, c = at[0]!, p = at[1]!, q = at[2]!;
      j < length;
      j++, i++, c += sc, p += sa, q += sb
    ) {
      o[i] = cv[c] !== 0 ? av[p]! : bv[q]!;
    }
  });
}

/** The fused AdamW update (see `Kernels.adamw`): wasm for float32, a JavaScript loop otherwise. */
export function adamwKernel(
  p: TensorInfo,
  g: TensorInfo,
  m: TensorInfo,
  v: TensorInfo,
  s: AdamWScalars,
  simd: SimdKernels | null = null,
): void {
  const pv = vals(p);
  const gv = vals(g);
  const mv = vals(m);
  const vv = vals(v);
  if (useSimd(simd, pv, gv, mv, vv)) {
    simd.adamw(pv as Float32Array, gv as Float32Array, mv as Float32Array, vv as Float32Array, s);
    return;
  }
  for (let i = 0; i < pv.length; i++) {
    const gi = gv[i]!;
    const mi = mv[i]! * s.beta1 + gi * (1 - s.beta1);
    const vi = vv[i]! * s.beta2 + gi * gi * (1 - s.beta2);
    mv[i] = mi;
    vv[i] = vi;
    pv[i] = pv[i]! * s.decay - s.stepSize * (mi / (Math.sqrt(vi) / s.bc2Sqrt + s.eps));
  }
}
