// WebAssembly SIMD kernels for the CPU backend's float32 fast path, written in AssemblyScript.
// Build: `pnpm --filter @makemore/tensor build:wasm` (compiles and embeds the module as
// src/cpu/wasm/kernels-wasm.ts). The JavaScript side owns the memory layout: it copies operands
// into linear memory above `heapBase()`, calls a kernel and copies the result out.

/** First free byte of linear memory (everything above belongs to the JavaScript side). */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * Packs op(B) (`[K, N]`; stored `[N, K]` when `transB`) into 8-column panels at `dst`: panel p holds
 * B[k, 8p .. 8p+8) for k = 0 .. K-1 contiguously, with zeros past column N.
 */
function packB(b: usize, dst: usize, K: i32, N: i32, transB: bool): void {
  let d = dst;
  for (let p = 0; p < N; p += 8) {
    const w = min(8, N - p);
    if (!transB && w == 8) {
      for (let k = 0; k < K; k++) {
        const s = b + ((<usize>k * <usize>N + <usize>p) << 2);
        v128.store(d, v128.load(s));
        v128.store(d, v128.load(s, 16), 16);
        d += 32;
      }
      continue;
    }
    for (let k = 0; k < K; k++) {
      for (let c = 0; c < 8; c++) {
        let v: f32 = 0;
        if (c < w) {
          const j = p + c;
          v = transB ? load<f32>(b + ((<usize>j * <usize>K + <usize>k) << 2)) : load<f32>(b + ((<usize>k * <usize>N + <usize>j) << 2));
        }
        store<f32>(d + ((<usize>c) << 2), v);
      }
      d += 32;
    }
  }
}

/**
 * C[M, N] = op(A) @ op(B) for one matrix, B already packed into panels at `panel` (see packB), with a
 * 4x8 register tile (eight f32x4 accumulators). op(A)[i, k] is read in place at
 * `a + 4 * (i * ars + k * acs)` (so a transposed A costs nothing). C is written row-major, exactly
 * `[M, N]`; `tmp` is 32 bytes for partial stores.
 */
function matmulPacked(a: usize, panel: usize, c: usize, tmp: usize, M: i32, K: i32, N: i32, transA: bool): void {
  const ars: usize = transA ? 4 : (<usize>K) << 2;
  const acs: usize = transA ? (<usize>M) << 2 : 4;
  const kEnd = (<usize>K) * acs;
  const nBytes = (<usize>N) << 2;
  for (let j = 0; j < N; j += 8) {
    const w = min(8, N - j);
    for (let i = 0; i < M; i += 4) {
      // Rows past M repeat the last row; their results are not stored.
      const a0 = a + (<usize>i) * ars;
      const a1 = a + (<usize>min(i + 1, M - 1)) * ars;
      const a2 = a + (<usize>min(i + 2, M - 1)) * ars;
      const a3 = a + (<usize>min(i + 3, M - 1)) * ars;
      let c00 = f32x4.splat(0);
      let c01 = f32x4.splat(0);
      let c10 = f32x4.splat(0);
      let c11 = f32x4.splat(0);
      let c20 = f32x4.splat(0);
      let c21 = f32x4.splat(0);
      let c30 = f32x4.splat(0);
      let c31 = f32x4.splat(0);
      let p = panel;
      for (let k: usize = 0; k < kEnd; k += acs) {
        const b0 = v128.load(p);
        const b1 = v128.load(p, 16);
        let x = v128.load32_splat(a0 + k);
        c00 = f32x4.add(c00, f32x4.mul(x, b0));
        c01 = f32x4.add(c01, f32x4.mul(x, b1));
        x = v128.load32_splat(a1 + k);
        c10 = f32x4.add(c10, f32x4.mul(x, b0));
        c11 = f32x4.add(c11, f32x4.mul(x, b1));
        x = v128.load32_splat(a2 + k);
        c20 = f32x4.add(c20, f32x4.mul(x, b0));
        c21 = f32x4.add(c21, f32x4.mul(x, b1));
        x = v128.load32_splat(a3 + k);
        c30 = f32x4.add(c30, f32x4.mul(x, b0));
        c31 = f32x4.add(c31, f32x4.mul(x, b1));
        p += 32;
      }
      const rows = min(4, M - i);
      const r0 = c + (<usize>i) * nBytes + ((<usize>j) << 2);
      storeRow(r0, c00, c01, w, tmp);
      if (rows > 1) storeRow(r0 + nBytes, c10, c11, w, tmp);
      if (rows > 2) storeRow(r0 + 2 * nBytes, c20, c21, w, tmp);
      if (rows > 3) storeRow(r0 + 3 * nBytes, c30, c31, w, tmp);
    }
    panel += (<usize>K) << 5;
  }
}

/** Floats of scratch that {@link matmul} needs: the packed panels of B plus 8 for partial stores. */
export function matmulScratch(K: i32, N: i32): i32 {
  return K * ((N + 7) & ~7) + 8;
}

/**
 * Batched C[b] = op(A[b]) @ op(B[b]) for b < batch: A is `[M, K]` (stored `[K, M]` when `transA`), B
 * is `[K, N]` (stored `[N, K]` when `transB`), C is `[M, N]`, each batch `aStride`, `bStride` and
 * `M * N` floats after the last; a stride of 0 repeats one matrix (a shared weight, packed once).
 * `scratch` holds `matmulScratch(K, N)` floats.
 */
export function matmul(
  a: usize,
  b: usize,
  c: usize,
  scratch: usize,
  batch: i32,
  aStride: i32,
  bStride: i32,
  M: i32,
  K: i32,
  N: i32,
  transA: bool,
  transB: bool,
): void {
  const tmp = scratch + ((<usize>K * <usize>((N + 7) & ~7)) << 2);
  const cBytes = (<usize>M * <usize>N) << 2;
  for (let i = 0; i < batch; i++) {
    if (i == 0 || bStride != 0) packB(b + ((<usize>i * <usize>bStride) << 2), scratch, K, N, transB);
    matmulPacked(a + ((<usize>i * <usize>aStride) << 2), scratch, c + <usize>i * cBytes, tmp, M, K, N, transA);
  }
}

/** Stores the first `w` of 8 lanes (lo, hi) at `dst`. */
@inline
function storeRow(dst: usize, lo: v128, hi: v128, w: i32, tmp: usize): void {
  if (w == 8) {
    v128.store(dst, lo);
    v128.store(dst, hi, 16);
    return;
  }
  v128.store(tmp, lo);
  v128.store(tmp, hi, 16);
  for (let c = 0; c < w; c++) store<f32>(dst + ((<usize>c) << 2), load<f32>(tmp + ((<usize>c) << 2)));
}

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

@inline
function tanh4(v: v128): v128 {
  const x = f32x4.min(f32x4.max(v, f32x4.splat(-CLAMP)), f32x4.splat(CLAMP));
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

/** y[i] = tanh(x[i]) for `n` floats (`n` rounded up to 4; the caller's buffers have room). */
export function tanh(x: usize, y: usize, n: i32): void {
  const end = x + ((<usize>n) << 2);
  let o = y;
  for (let p = x; p < end; p += 16) {
    v128.store(o, tanh4(v128.load(p)));
    o += 16;
  }
}

// GELU, tanh approximation (makemore's NewGELU): 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
const SQRT_2_OVER_PI: f32 = 0.7978845608028654;
const GELU_C: f32 = 0.044715;

/** The tanh of GELU's inner polynomial, four lanes. */
@inline
function geluTanh4(x: v128): v128 {
  const x3 = f32x4.mul(f32x4.mul(x, x), x);
  return tanh4(f32x4.mul(f32x4.splat(SQRT_2_OVER_PI), f32x4.add(x, f32x4.mul(f32x4.splat(GELU_C), x3))));
}

/** y[i] = gelu(x[i]) for `n` floats (`n` rounded up to 4; the caller's buffers have room). */
export function gelu(x: usize, y: usize, n: i32): void {
  const end = x + ((<usize>n) << 2);
  const half = f32x4.splat(0.5);
  const one = f32x4.splat(1);
  let o = y;
  for (let p = x; p < end; p += 16) {
    const v = v128.load(p);
    v128.store(o, f32x4.mul(f32x4.mul(half, v), f32x4.add(one, geluTanh4(v))));
    o += 16;
  }
}

/** out[i] = dy[i] · gelu'(x[i]) for `n` floats (`n` rounded up to 4); `out` may alias either input. */
export function geluGrad(dy: usize, x: usize, out: usize, n: i32): void {
  const half = f32x4.splat(0.5);
  const one = f32x4.splat(1);
  const k = f32x4.splat(SQRT_2_OVER_PI);
  const k3 = f32x4.splat(3 * GELU_C);
  const bytes = (<usize>n) << 2;
  for (let i: usize = 0; i < bytes; i += 16) {
    const v = v128.load(x + i);
    const t = geluTanh4(v);
    // d/dx = 0.5·(1 + t) + 0.5·x·(1 − t²)·√(2/π)·(1 + 3·0.044715·x²)
    const inner = f32x4.mul(k, f32x4.add(one, f32x4.mul(k3, f32x4.mul(v, v))));
    const sech2 = f32x4.sub(one, f32x4.mul(t, t));
    const d = f32x4.mul(half, f32x4.add(f32x4.add(one, t), f32x4.mul(f32x4.mul(v, sech2), inner)));
    v128.store(out + i, f32x4.mul(v128.load(dy + i), d));
  }
}

export { axpy, binaryBroadcast, binarySame, exp, sigmoid } from './elementwise';
export { adamw } from './optim';
export { sumMiddle } from './reduce';
