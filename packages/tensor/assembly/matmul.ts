// Float32 matrix product with WebAssembly SIMD: B is packed into 8-column panels, A is read in place
// (a transposed A is only a stride), and a 4x8 register tile of eight f32x4 accumulators walks C.

import { madd } from './madd';

/** Rows of op(B) packed at a time: a K block whose panels (KC × N floats) stay in L2 for every row block. */
const KC = 256;

/**
 * Packs rows `k0 .. k0 + kc` of op(B) (`[K, N]`, stored `[N, K]` when `transB`, `ld` floats per stored
 * row) into 8-column panels at `dst`: panel p holds B[k, 8p .. 8p+8) for the kc rows contiguously,
 * with zeros past column N.
 */
function packB(b: usize, dst: usize, k0: i32, kc: i32, N: i32, ld: i32, transB: bool): void {
  let d = dst;
  for (let p = 0; p < N; p += 8) {
    const w = min(8, N - p);
    if (!transB && w == 8) {
      for (let k = k0; k < k0 + kc; k++) {
        const s = b + ((<usize>k * <usize>ld + <usize>p) << 2);
        v128.store(d, v128.load(s));
        v128.store(d, v128.load(s, 16), 16);
        d += 32;
      }
      continue;
    }
    const zero = f32x4.splat(0);
    for (let k = k0; k < k0 + kc; k++) {
      v128.store(d, zero);
      v128.store(d, zero, 16);
      for (let c = 0; c < w; c++) {
        const j = p + c;
        const v = transB
          ? load<f32>(b + ((<usize>j * <usize>ld + <usize>k) << 2))
          : load<f32>(b + ((<usize>k * <usize>ld + <usize>j) << 2));
        store<f32>(d + ((<usize>c) << 2), v);
      }
      d += 32;
    }
  }
}

/**
 * Rows `rowStart .. rowEnd` of C[M, N] (+)= op(A) @ packed B over `kc` rows of K. op(A)[i, k] is at
 * `a + i * ars + k * acs` bytes.
 * Row blocks are the outer loop, so the four rows of A in use stay in L1 while every panel passes
 * under them; with `accumulate` the products add to C (the K blocks after the first).
 */
function matmulPacked(
  a: usize,
  ars: usize,
  acs: usize,
  panels: usize,
  c: usize,
  tmp: usize,
  rowStart: i32,
  rowEnd: i32,
  kc: i32,
  N: i32,
  accumulate: bool,
): void {
  const kEnd = (<usize>kc) * acs;
  const nBytes = (<usize>N) << 2;
  const panelBytes = (<usize>kc) << 5;
  for (let i = rowStart; i < rowEnd; i += 4) {
    // Rows past the range repeat its last row; their results are not stored.
    const last = rowEnd - 1;
    const a0 = a + (<usize>i) * ars;
    const a1 = a + (<usize>min(i + 1, last)) * ars;
    const a2 = a + (<usize>min(i + 2, last)) * ars;
    const a3 = a + (<usize>min(i + 3, last)) * ars;
    const rows = min(4, rowEnd - i);
    let panel = panels;
    for (let j = 0; j < N; j += 8) {
      const w = min(8, N - j);
      if (w <= 4) {
        // A last panel of at most 4 columns (27 classes leave 3): half the tile, half the work.
        matmulTile4(a0, a1, a2, a3, acs, kEnd, panel, c + (<usize>i) * nBytes + ((<usize>j) << 2), nBytes, rows, w, tmp, accumulate);
        panel += panelBytes;
        continue;
      }
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
        c00 = madd(x, b0, c00);
        c01 = madd(x, b1, c01);
        x = v128.load32_splat(a1 + k);
        c10 = madd(x, b0, c10);
        c11 = madd(x, b1, c11);
        x = v128.load32_splat(a2 + k);
        c20 = madd(x, b0, c20);
        c21 = madd(x, b1, c21);
        x = v128.load32_splat(a3 + k);
        c30 = madd(x, b0, c30);
        c31 = madd(x, b1, c31);
        p += 32;
      }
      const r0 = c + (<usize>i) * nBytes + ((<usize>j) << 2);
      storeRow(r0, c00, c01, w, tmp, accumulate);
      if (rows > 1) storeRow(r0 + nBytes, c10, c11, w, tmp, accumulate);
      if (rows > 2) storeRow(r0 + 2 * nBytes, c20, c21, w, tmp, accumulate);
      if (rows > 3) storeRow(r0 + 3 * nBytes, c30, c31, w, tmp, accumulate);
      panel += panelBytes;
    }
  }
}

/**
 * The 4×4 corner of {@link matmulPacked}'s tile for a panel whose columns past the 4th are padding:
 * rows `a0 .. a3` of op(A) times the panel's first 4 columns, stored (or added) to the `rows` rows of C
 * from `r0`, `w` columns each.
 */
@inline
function matmulTile4(
  a0: usize,
  a1: usize,
  a2: usize,
  a3: usize,
  acs: usize,
  kEnd: usize,
  panel: usize,
  r0: usize,
  nBytes: usize,
  rows: i32,
  w: i32,
  tmp: usize,
  accumulate: bool,
): void {
  let c0 = f32x4.splat(0);
  let c1 = f32x4.splat(0);
  let c2 = f32x4.splat(0);
  let c3 = f32x4.splat(0);
  let p = panel;
  for (let k: usize = 0; k < kEnd; k += acs) {
    const b0 = v128.load(p);
    c0 = madd(v128.load32_splat(a0 + k), b0, c0);
    c1 = madd(v128.load32_splat(a1 + k), b0, c1);
    c2 = madd(v128.load32_splat(a2 + k), b0, c2);
    c3 = madd(v128.load32_splat(a3 + k), b0, c3);
    p += 32;
  }
  // Through scratch, a row of 4 at a time: one small loop instead of four inlined row stores.
  v128.store(tmp, c0);
  v128.store(tmp, c1, 16);
  v128.store(tmp, c2, 32);
  v128.store(tmp, c3, 48);
  for (let r = 0; r < rows; r++) {
    const dst = r0 + <usize>r * nBytes;
    const src = tmp + ((<usize>r) << 4);
    for (let c = 0; c < w; c++) {
      const at = dst + ((<usize>c) << 2);
      const v = load<f32>(src + ((<usize>c) << 2));
      store<f32>(at, accumulate ? load<f32>(at) + v : v);
    }
  }
}

/** Stores (or with `accumulate`, adds) the first `w` of 8 lanes (lo, hi) at `dst`. */
// Not inlined: a call per row of a tile costs nothing next to its K loop, and twelve inlined copies
// would grow the module every page downloads.
function storeRow(dst: usize, lo: v128, hi: v128, w: i32, tmp: usize, accumulate: bool): void {
  if (w == 8) {
    if (accumulate) {
      lo = f32x4.add(lo, v128.load(dst));
      hi = f32x4.add(hi, v128.load(dst, 16));
    }
    v128.store(dst, lo);
    v128.store(dst, hi, 16);
    return;
  }
  v128.store(tmp, lo);
  v128.store(tmp, hi, 16);
  for (let c = 0; c < w; c++) {
    const at = dst + ((<usize>c) << 2);
    const v = load<f32>(tmp + ((<usize>c) << 2));
    store<f32>(at, accumulate ? load<f32>(at) + v : v);
  }
}

/** Floats of scratch that {@link matmul} needs: the packed panels of one K block plus 16 for partial stores. */
export function matmulScratch(K: i32, N: i32): i32 {
  return min(K, KC) * ((N + 7) & ~7) + 16;
}

/**
 * Batched C[b] = op(A[b]) @ op(B[b]) for b < batch: A is `[M, K]` (stored `[K, M]` when `transA`), B
 * is `[K, N]` (stored `[N, K]` when `transB`), C is `[M, N]`, each batch `aStride`, `bStride` and
 * `M * N` floats after the last; a stride of 0 repeats one matrix (a shared weight, packed once when
 * K fits one block). K is walked in blocks of KC rows. `scratch` holds `matmulScratch(K, N)` floats.
 * Only rows `rowStart .. rowEnd` of each C are computed, so threads can share one product by rows:
 * every row is computed the same way whichever thread computes it.
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
  rowStart: i32,
  rowEnd: i32,
): void {
  const tmp = scratch + ((<usize>min(K, KC) * <usize>((N + 7) & ~7)) << 2);
  const cBytes = (<usize>M * <usize>N) << 2;
  const ars: usize = transA ? 4 : (<usize>K) << 2;
  const acs: usize = transA ? (<usize>M) << 2 : 4;
  const ldb = transB ? K : N;
  for (let i = 0; i < batch; i++) {
    const ai = a + ((<usize>i * <usize>aStride) << 2);
    const bi = b + ((<usize>i * <usize>bStride) << 2);
    const ci = c + <usize>i * cBytes;
    for (let k0 = 0; k0 < K; k0 += KC) {
      const kc = min(KC, K - k0);
      if (i == 0 || bStride != 0 || K > KC) packB(bi, scratch, k0, kc, N, ldb, transB);
      matmulPacked(ai + <usize>k0 * acs, ars, acs, scratch, ci, tmp, rowStart, rowEnd, kc, N, k0 > 0);
    }
    if (K == 0) memory.fill(ci + <usize>rowStart * ((<usize>N) << 2), 0, <usize>(rowEnd - rowStart) * ((<usize>N) << 2));
  }
}
