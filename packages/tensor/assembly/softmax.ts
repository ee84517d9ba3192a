import { expShifted4 } from './elementwise';

/** The largest of the four lanes. */
@inline
function hmax(v: v128): f32 {
  return max(max(f32x4.extract_lane(v, 0), f32x4.extract_lane(v, 1)), max(f32x4.extract_lane(v, 2), f32x4.extract_lane(v, 3)));
}

/** The sum of the four lanes. */
@inline
function hsum(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3);
}

/** Lanes `0 .. rem` of the row tail at `src` (rem < 4), the others −∞ (whose exp is 0). */
@inline
function loadTail(src: usize, rem: i32): v128 {
  let t = f32x4.splat(-Infinity);
  if (rem > 0) t = f32x4.replace_lane(t, 0, load<f32>(src));
  if (rem > 1) t = f32x4.replace_lane(t, 1, load<f32>(src, 4));
  if (rem > 2) t = f32x4.replace_lane(t, 2, load<f32>(src, 8));
  return t;
}

/** Stores lanes `0 .. rem` of `v` at `dst` (rem < 4): a row's tail, without touching the next row. */
@inline
function storeTail(dst: usize, v: v128, rem: i32): void {
  if (rem > 0) store<f32>(dst, f32x4.extract_lane(v, 0));
  if (rem > 1) store<f32>(dst, f32x4.extract_lane(v, 1), 4);
  if (rem > 2) store<f32>(dst, f32x4.extract_lane(v, 2), 8);
}

/**
 * Softmax of the row of `C` floats at `xr` into `pr`, max-shifted for stability: stores the row's
 * max at `maxAt` and returns its sum of exponentials after the shift (so that log-sum-exp is
 * max + log(sum)). `pr` must not alias `xr`.
 */
export function softmaxRow(xr: usize, pr: usize, C: i32, maxAt: usize): f32 {
  const C4 = C & ~3;
  const rem = C - C4;
  const tailAt = (<usize>C4) << 2;
  const tail = loadTail(xr + tailAt, rem);
  let mv = tail;
  // pmax: one x86 instruction; a NaN it skips still makes its exp, and so the row, NaN.
  for (let c = 0; c < C4; c += 4) mv = f32x4.pmax(mv, v128.load(xr + ((<usize>c) << 2)));
  const m = f32x4.splat(hmax(mv));
  let sv = f32x4.splat(0);
  // The tail (when C is no multiple of 4) is the loop's last turn, so the exp is inlined only once;
  // its −∞ padding lanes add 0.
  let et = f32x4.splat(0);
  for (let c = 0; c < C; c += 4) {
    const at = (<usize>c) << 2;
    let v = tail;
    if (c < C4) v = v128.load(xr + at);
    const e = expShifted4(f32x4.sub(v, m));
    if (c < C4) v128.store(pr + at, e);
    else et = e;
    sv = f32x4.add(sv, e);
  }
  const s = hsum(sv);
  const inv = f32x4.splat(1 / s);
  for (let c = 0; c < C4; c += 4) {
    const at = (<usize>c) << 2;
    v128.store(pr + at, f32x4.mul(v128.load(pr + at), inv));
  }
  storeTail(pr + tailAt, f32x4.mul(et, inv), rem);
  store<f32>(maxAt, f32x4.extract_lane(m, 0));
  return s;
}
