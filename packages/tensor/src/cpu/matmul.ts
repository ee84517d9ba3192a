import type { TensorInfo } from '../backend.js';
import type { TypedArray } from '../dtype.js';
import { vals } from './buffer.js';
import { simdTakes } from './simd-gate.js';
import type { SimdKernels } from './wasm/simd.js';

/** Below this many multiply-adds (per batch) the JavaScript loop beats packing B for wasm. */
const SIMD_MIN_MACS = 1024;

/**
 * Batched matmul on the CPU. The plain and `transA` cases use an i-k-j loop (the innermost loop
 * streams a row of B and a row of C, which is cache friendly), unrolled four ways over k so each
 * pass over the C row does four multiply-adds. `transB` uses dot products over contiguous rows.
 */
export function matmulKernel(
  a: TensorInfo,
  b: TensorInfo,
  out: TensorInfo,
  transA: boolean,
  transB: boolean,
  simd: SimdKernels | null = null,
): void {
  const A = vals(a);
  const B = vals(b);
  const C = vals(out);
  const batch = out.shape[0]!;
  const M = out.shape[1]!;
  const N = out.shape[2]!;
  const K = transA ? a.shape[1]! : a.shape[2]!;
  const aBatch = a.shape[0] === 1 ? 0 : M * K;
  const bBatch = b.shape[0] === 1 ? 0 : K * N;
  if (M * N * K >= SIMD_MIN_MACS && simdTakes(simd, A, B, C)) {
    // One call for the whole batch: a shared (broadcast) B is packed once.
    simd.matmul(
      { data: A as Float32Array, trans: transA },
      { data: B as Float32Array, trans: transB },
      C as Float32Array,
      batch,
      aBatch,
      bBatch,
      M,
      K,
      N,
    );
    return;
  }
  for (let bi = 0; bi < batch; bi++) {
    const aOff = bi * aBatch;
    const bOff = bi * bBatch;
    const cOff = bi * M * N;
    const gemm: Gemm = { A, aOff, B, bOff, C, cOff, M, N, K, transA };
    if (transB) gemmNT(gemm);
    else gemmNN(gemm);
  }
}

/**
 * One product of the batch, `C[M, N] = A[M, K] · B` from the given offsets, `A` stored transposed
 * when `transA` (B's layout is the choice between {@link gemmNN} and {@link gemmNT}).
 */
interface Gemm {
  A: TypedArray;
  aOff: number;
  B: TypedArray;
  bOff: number;
  C: TypedArray;
  cOff: number;
  M: number;
  N: number;
  K: number;
  transA: boolean;
}

function gemmNN({ A, aOff, B, bOff, C, cOff, M, N, K, transA }: Gemm): void {
  // A[i, k] lives at aOff + i * ars + k * acs.
  const ars = transA ? 1 : K;
  const acs = transA ? M : 1;
  const K4 = K - (K % 4);
  for (let i = 0; i < M; i++) {
    const c0 = cOff + i * N;
    const aRow = aOff + i * ars;
    // Row i of C (zeroed here, then accumulated in place, rounding as C's dtype does): j < N keeps
    // every read-back inside it.
    for (let j = 0; j < N; j++) C[c0 + j] = 0;
    let k = 0;
    for (; k < K4; k += 4) {
      const a0 = A[aRow + k * acs]!;
      const a1 = A[aRow + (k + 1) * acs]!;
      const a2 = A[aRow + (k + 2) * acs]!;
      const a3 = A[aRow + (k + 3) * acs]!;
      if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0) continue;
      const b0 = bOff + k * N;
      const b1 = b0 + N;
      const b2 = b1 + N;
      const b3 = b2 + N;
      for (let j = 0; j < N; j++) {
        C[c0 + j]! += a0 * B[b0 + j]! + a1 * B[b1 + j]! + a2 * B[b2 + j]! + a3 * B[b3 + j]!;
      }
    }
    for (; k < K; k++) {
      const a0 = A[aRow + k * acs]!;
      if (a0 === 0) continue;
      const b0 = bOff + k * N;
      for (let j = 0; j < N; j++) C[c0 + j]! += a0 * B[b0 + j]!;
    }
  }
}

function gemmNT({ A, aOff, B, bOff, C, cOff, M, N, K, transA }: Gemm): void {
  // B is stored [N, K]: C[i, j] = dot(A[i, :], B[j, :]).
  if (transA) {
    // Rare (both transposed): strided dot products.
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < N; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += A[aOff + k * M + i]! * B[bOff + j * K + k]!;
        C[cOff + i * N + j] = s;
      }
    }
    return;
  }
  const K4 = K - (K % 4);
  for (let i = 0; i < M; i++) {
    const a0 = aOff + i * K;
    const c0 = cOff + i * N;
    for (let j = 0; j < N; j++) {
      const b0 = bOff + j * K;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let k = 0;
      for (; k < K4; k += 4) {
        s0 += A[a0 + k]! * B[b0 + k]!;
        s1 += A[a0 + k + 1]! * B[b0 + k + 1]!;
        s2 += A[a0 + k + 2]! * B[b0 + k + 2]!;
        s3 += A[a0 + k + 3]! * B[b0 + k + 3]!;
      }
      for (; k < K; k++) s0 += A[a0 + k]! * B[b0 + k]!;
      C[c0 + j] = s0 + s1 + s2 + s3;
    }
  }
}
