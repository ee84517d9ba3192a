/**
 * acc + x · y, four lanes: one fused multiply-add in the relaxed-SIMD build (where the CPU has FMA),
 * a multiply then an add otherwise. A compile-time choice: the module is built twice. Only the
 * matmul uses it: a page downloads both builds, and gzip stores them as nearly one only while the
 * rest of their code is the same.
 */
@inline
export function madd(x: v128, y: v128, acc: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(x, y, acc);
  return f32x4.add(acc, f32x4.mul(x, y));
}

/** acc + x · y, four lanes, a multiply then an add in both builds (see {@link madd}). */
@inline
export function mulAdd(x: v128, y: v128, acc: v128): v128 {
  return f32x4.add(f32x4.mul(x, y), acc);
}
