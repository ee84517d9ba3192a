// Cross-entropy over rows of logits with int32 targets, forward and gradient, so that a loss over a
// large batch (the full-batch neural bigram: 182,307 rows of 27) never leaves wasm row by row.

import { mulAdd } from './madd';
import { softmaxRow } from './softmax';

// log as Cephes' logf: x = 2^e · m with m in [√½, √2), log(m) by a degree-9 polynomial in m − 1.
// For the positive normal floats a row's sum of exponentials always is (it is at least 1).
const SQRT_HALF: f32 = 0.707106781186547524;
const L0: f32 = 7.0376836292e-2;
const L1: f32 = -1.151461031e-1;
const L2: f32 = 1.1676998740e-1;
const L3: f32 = -1.2420140846e-1;
const L4: f32 = 1.4249322787e-1;
const L5: f32 = -1.6668057665e-1;
const L6: f32 = 2.0000714765e-1;
const L7: f32 = -2.4999993993e-1;
const L8: f32 = 3.3333331174e-1;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;

/** ln(v), four lanes of positive normal floats (NaN in, NaN out). */
@inline
function log4(v: v128): v128 {
  // v = 2^e · m, m in [0.5, 1) from the mantissa bits; then m in [√½, √2) by moving a factor 2.
  let e = i32x4.sub(i32x4.shr_u(v, 23), i32x4.splat(126));
  let m = v128.or(v128.and(v, i32x4.splat(0x007fffff)), i32x4.splat(0x3f000000));
  const small = f32x4.lt(m, f32x4.splat(SQRT_HALF));
  e = i32x4.add(e, small); // a true lane is −1
  m = f32x4.add(f32x4.sub(m, f32x4.splat(1)), v128.and(m, small));
  const fe = f32x4.convert_i32x4_s(e);
  const z = f32x4.mul(m, m);
  let y = mulAdd(f32x4.splat(L0), m, f32x4.splat(L1));
  y = mulAdd(y, m, f32x4.splat(L2));
  y = mulAdd(y, m, f32x4.splat(L3));
  y = mulAdd(y, m, f32x4.splat(L4));
  y = mulAdd(y, m, f32x4.splat(L5));
  y = mulAdd(y, m, f32x4.splat(L6));
  y = mulAdd(y, m, f32x4.splat(L7));
  y = mulAdd(y, m, f32x4.splat(L8));
  y = f32x4.mul(f32x4.mul(y, m), z);
  y = mulAdd(fe, f32x4.splat(LN2_LO), y);
  y = mulAdd(z, f32x4.splat(-0.5), y);
  const out = mulAdd(fe, f32x4.splat(LN2_HI), f32x4.add(m, y));
  return v128.bitselect(v, out, f32x4.ne(v, v));
}

/**
 * Softmax of each of `N` rows of `C` logits `x` into `p`, and each row's loss
 * `log Σ e^x − x[target]` into `rowLoss` (0 on rows whose target is `ignoreIndex`). `lead` is scratch
 * for `N` floats; `rowLoss` and `lead` have room for `N` rounded up to 4. Returns how many rows were
 * counted, or −(i + 1) for the first row `i` whose target is neither a class nor `ignoreIndex`.
 */
export function crossEntropyRows(
  x: usize,
  targets: usize,
  p: usize,
  rowLoss: usize,
  lead: usize,
  N: i32,
  C: i32,
  ignoreIndex: i32,
): i32 {
  const rowBytes = (<usize>C) << 2;
  let counted = 0;
  for (let i = 0; i < N; i++) {
    const at = (<usize>i) << 2;
    const target = load<i32>(targets + at);
    const ignored = target == ignoreIndex;
    if (!ignored && <u32>target >= <u32>C) return -(i + 1);
    const xr = x + <usize>i * rowBytes;
    // The row's max lands in lead[i], its sum of exponentials in rowLoss[i]; the pass below takes
    // four rows' logs at once.
    const s = softmaxRow(xr, p + <usize>i * rowBytes, C, lead + at);
    if (ignored) {
      store<f32>(lead + at, 0);
      store<f32>(rowLoss + at, 1); // log 1 = 0
    } else {
      store<f32>(lead + at, load<f32>(lead + at) - load<f32>(xr + ((<usize>target) << 2)));
      store<f32>(rowLoss + at, s);
      counted++;
    }
  }
  // The padding lanes past N hold whatever was there; their results are never read.
  const bytes = (<usize>N) << 2;
  for (let i: usize = 0; i < bytes; i += 16) {
    v128.store(rowLoss + i, f32x4.add(v128.load(lead + i), log4(v128.load(rowLoss + i))));
  }
  return counted;
}

/** Σ of `n` floats, accumulated in float64. */
export function sumF64(x: usize, n: i32): f64 {
  let total: f64 = 0;
  const bytes = (<usize>n) << 2;
  for (let i: usize = 0; i < bytes; i += 4) total += <f64>load<f32>(x + i);
  return total;
}

/**
 * Gradient of the cross-entropy with respect to the logits: `out = scale · (p − onehot(target))` per
 * row, exactly 0 on rows whose target is `ignoreIndex`. The scale is `dy[i]` per row when `perRow`
 * (no reduction), else `scale` (the caller's `dy[0]`, over the count for a mean).
 */
export function crossEntropyGrad(
  p: usize,
  targets: usize,
  dy: usize,
  out: usize,
  N: i32,
  C: i32,
  ignoreIndex: i32,
  perRow: bool,
  scale: f32,
): void {
  const C4 = C & ~3;
  const rowBytes = (<usize>C) << 2;
  for (let i = 0; i < N; i++) {
    const at = (<usize>i) << 2;
    const target = load<i32>(targets + at);
    const pr = p + <usize>i * rowBytes;
    const or = out + <usize>i * rowBytes;
    // An ignored row is exactly 0, even where a probability is NaN.
    if (target == ignoreIndex) {
      memory.fill(or, 0, rowBytes);
      continue;
    }
    const rowScale = perRow ? load<f32>(dy + at) : scale;
    const sv = f32x4.splat(rowScale);
    let c = 0;
    for (; c < C4; c += 4) {
      const off = (<usize>c) << 2;
      v128.store(or + off, f32x4.mul(v128.load(pr + off), sv));
    }
    for (; c < C; c++) {
      const off = (<usize>c) << 2;
      store<f32>(or + off, load<f32>(pr + off) * rowScale);
    }
    const tAt = or + ((<usize>target) << 2);
    store<f32>(tAt, load<f32>(tAt) - rowScale);
  }
}
