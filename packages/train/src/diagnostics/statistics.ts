import type { Histogram, Moments } from './diagnostics-format.js';

/**
 * Mean and standard deviation of `values`, the standard deviation with Bessel's correction as
 * PyTorch's `t.std()` (which the lecture prints); 0 for fewer than two values.
 */
export function moments(values: ArrayLike<number>): Moments {
  const n = values.length;
  if (n === 0) return { mean: 0, std: 0 };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i]!;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const d = values[i]! - mean;
    squares += d * d;
  }
  return { mean, std: n > 1 ? Math.sqrt(squares / (n - 1)) : 0 };
}

/**
 * Counts of `values` in `bins` equal bins from their minimum to their maximum (the maximum falls in
 * the last bin, as `torch.histogram`'s), so the counts sum to `values.length`. When every value is
 * the same the range is widened by 0.5 on each side, so the edges still increase.
 */
export function histogram(values: ArrayLike<number>, bins: number): Histogram {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  // Infinities would make every bin infinitely wide; they are counted in the end bins instead.
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) [lo, hi] = finiteRange(values);
  if (values.length === 0) [lo, hi] = [0, 1];
  if (lo === hi) [lo, hi] = [lo - 0.5, hi + 0.5];
  const width = (hi - lo) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (let i = 0; i < values.length; i++) {
    const bin = Math.floor((values[i]! - lo) / width);
    // NaN lands in the first bin, so the counts still sum to the number of values.
    counts[Number.isNaN(bin) ? 0 : Math.min(Math.max(bin, 0), bins - 1)]!++;
  }
  const edges = Array.from({ length: bins + 1 }, (_, i) => (i === bins ? hi : lo + i * width));
  return { edges, counts };
}

function finiteRange(values: ArrayLike<number>): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

/** Fraction of `values` whose magnitude exceeds `threshold` (the lecture's `(h.abs() > 0.97).mean()`). */
export function fractionAbove(values: ArrayLike<number>, threshold: number): number {
  if (values.length === 0) return 0;
  let n = 0;
  for (let i = 0; i < values.length; i++) if (Math.abs(values[i]!) > threshold) n++;
  return n / values.length;
}
