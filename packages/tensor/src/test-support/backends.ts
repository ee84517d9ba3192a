import { setFlagsFromString } from 'node:v8';
import { afterAll, expect } from 'vitest';
import type { CpuBackend } from '../cpu/backend.js';
import { ENGINE } from '../engine.js';
import type { Generator } from '../random.js';
import { randn } from '../random-creation.js';
import { tidy } from '../scope.js';
import type { Tensor } from '../tensor.js';

/** A copy of `t` on `backend`, to run the same op on two backends. */
export function copyTo(t: Tensor, backend: CpuBackend): Tensor {
  const out = ENGINE.makeTensor(t.shape, t.dtype, backend);
  backend.write(out.dataId, t.dataSync());
  return out;
}

/**
 * Lets this test file's backends take the relaxed-SIMD kernels, as the CLI's do: Node 20 validates
 * them only behind a V8 flag, which is set now and cleared after the file (a test worker may run
 * other files, whose figures assume the plain build).
 */
export function allowRelaxedSimd(): void {
  setFlagsFromString('--experimental-wasm-relaxed-simd');
  afterAll(() => setFlagsFromString('--no-experimental-wasm-relaxed-simd'));
}

/**
 * Checks `fast`'s matmul against `reference`'s on each `[M, K, N]` of `shapes`, in every storage
 * order (A and B transposed or not) and batch layout (neither batched, both, only A with B shared,
 * only B), to float32 tolerance.
 */
export function expectMatmulMatches(
  fast: CpuBackend,
  reference: CpuBackend,
  shapes: readonly [number, number, number][],
  g: Generator,
): void {
  const orders = [
    [false, false],
    [true, false],
    [false, true],
    [true, true],
  ] as const;
  const layouts = [
    [0, 0],
    [3, 3],
    [3, 0],
    [0, 2],
  ] as const;
  tidy(() => {
    for (const [M, K, N] of shapes) {
      for (const [tA, tB] of orders) {
        for (const [ba, bb] of layouts) {
          const shapeA = tA ? [K, M] : [M, K];
          const shapeB = tB ? [N, K] : [K, N];
          const a = randn(ba ? [ba, ...shapeA] : shapeA, { generator: g });
          const b = randn(bb ? [bb, ...shapeB] : shapeB, { generator: g });
          const run = (backend: CpuBackend) =>
            ENGINE.run('matmul', [copyTo(a, backend), copyTo(b, backend)], { transA: tA, transB: tB });
          const got = run(fast);
          const want = run(reference);
          expect(got.shape).toEqual(want.shape);
          expect(got).toBeAllClose(want.dataSync(), { rtol: 1e-4, atol: 1e-4 });
        }
      }
    }
  });
}
