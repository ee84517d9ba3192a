// tanh as Eigen's float rational approximation (odd degree-13 numerator, even degree-6
// denominator, input clamped where tanh rounds to ±1 in float32): a few ulp, four lanes at a time.
const CLAMP: f32 = 7.90531110763549805;
const A1: f32 = 4.89352455891786e-3;
const A3: f32 = 6.37261928875436e-4;
const A5: f32 = 1.48572235717979e-5;
const A7: f32 = 5.12229709037114e-8;
const A9: f32 = -8.60467152213735e-11;
const A11: f32 = 2.00018790482477e-13;
const A13: f32 = -2.76076847742355e-16;
const B0: f32 = 4.89352518554385e-3;
const B2: f32 = 2.268434632439e-3;
const B4: f32 = 1.18534705686654e-4;
const B6: f32 = 1.19825839466702e-6;

/** tanh of four lanes, a few ulp (NaN in, NaN out; ±∞ in, ±1 out). */
@inline
export function tanh4(v: v128): v128 {
  // pmin/pmax: single x86 instructions; NaN is restored below.
  const x = f32x4.pmin(f32x4.pmax(v, f32x4.splat(-CLAMP)), f32x4.splat(CLAMP));
  const x2 = f32x4.mul(x, x);
  let p = f32x4.add(f32x4.mul(x2, f32x4.splat(A13)), f32x4.splat(A11));
  p = f32x4.add(f32x4.mul(x2, p), f32x4.splat(A9));
  p = f32x4.add(f32x4.mul(x2, p), f32x4.splat(A7));
  p = f32x4.add(f32x4.mul(x2, p), f32x4.splat(A5));
  p = f32x4.add(f32x4.mul(x2, p), f32x4.splat(A3));
  p = f32x4.add(f32x4.mul(x2, p), f32x4.splat(A1));
  p = f32x4.mul(x, p);
  let q = f32x4.add(f32x4.mul(x2, f32x4.splat(B6)), f32x4.splat(B4));
  q = f32x4.add(f32x4.mul(x2, q), f32x4.splat(B2));
  q = f32x4.add(f32x4.mul(x2, q), f32x4.splat(B0));
  const r = f32x4.div(p, q);
  // Tiny inputs: tanh(x) = x to float precision (and the rational form loses relative accuracy).
  const tiny = f32x4.lt(f32x4.abs(v), f32x4.splat(0.0004));
  // NaN in, NaN out (min/max above would otherwise clamp it).
  const nan = f32x4.ne(v, v);
  return v128.bitselect(v, r, v128.or(tiny, nan));
}
