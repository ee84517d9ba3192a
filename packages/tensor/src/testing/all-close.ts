import { fmtShape } from '../shape.js';
import type { NestedArray } from '../tensor.js';
import { Tensor } from '../tensor.js';

/** Tolerances for {@link allClose} and `toBeAllClose`. */
export interface AllCloseOptions {
  /** Relative tolerance (default 1e-5). */
  rtol?: number | undefined;
  /** Absolute tolerance (default 1e-8 as NumPy; use about 1e-6 for float32 results). */
  atol?: number | undefined;
  /** Treat NaN as equal to NaN (default false). */
  equalNan?: boolean | undefined;
}

/** A value `allClose` can compare: a tensor, nested arrays, a flat array or a number. */
export type CloseInput = Tensor | NestedArray | ArrayLike<number>;

function flatten(v: CloseInput): { values: ArrayLike<number>; shape: number[] | null } {
  if (v instanceof Tensor) return { values: v.dataSync(), shape: [...v.shape] };
  if (typeof v === 'number') return { values: [v], shape: [] };
  if (Array.isArray(v)) {
    const shape: number[] = [];
    let level: unknown = v;
    while (Array.isArray(level)) {
      shape.push(level.length);
      level = level[0];
    }
    return { values: (v as unknown[]).flat(Number.POSITIVE_INFINITY) as number[], shape };
  }
  return { values: v as ArrayLike<number>, shape: null };
}

/** Explains why two values are not close, or returns null when they are (`|a - b| <= atol + rtol * |b|`). */
export function allCloseMismatch(
  actual: CloseInput,
  expected: CloseInput,
  options: AllCloseOptions = {},
): string | null {
  const rtol = options.rtol ?? 1e-5;
  const atol = options.atol ?? 1e-8;
  const a = flatten(actual);
  const e = flatten(expected);
  if (
    a.shape &&
    e.shape &&
    (a.shape.length !== e.shape.length || a.shape.some((d, i) => d !== e.shape![i]))
  ) {
    return `shapes differ: ${fmtShape(a.shape)} vs ${fmtShape(e.shape)}`;
  }
  if (a.values.length !== e.values.length) return `sizes differ: ${a.values.length} vs ${e.values.length}`;
  for (let i = 0; i < a.values.length; i++) {
    const x = a.values[i]!;
    const y = e.values[i]!;
    if (Number.isNaN(x) || Number.isNaN(y)) {
      if (options.equalNan && Number.isNaN(x) && Number.isNaN(y)) continue;
      return `element ${i}: ${x} vs ${y}`;
    }
    if (x === y) continue;
    // An infinity is close only to the same infinity (as NumPy's isclose), whatever the tolerance.
    if (!Number.isFinite(x) || !Number.isFinite(y)) return `element ${i}: ${x} vs ${y}`;
    if (!(Math.abs(x - y) <= atol + rtol * Math.abs(y))) {
      return `element ${i}: ${x} vs ${y} (difference ${Math.abs(x - y)}, tolerance ${atol + rtol * Math.abs(y)})`;
    }
  }
  return null;
}

/** True when `actual` and `expected` have the same shape and are elementwise close. */
export function allClose(actual: CloseInput, expected: CloseInput, options: AllCloseOptions = {}): boolean {
  return allCloseMismatch(actual, expected, options) === null;
}
