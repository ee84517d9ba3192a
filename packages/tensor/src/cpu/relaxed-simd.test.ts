import { describe, expect, test } from 'vitest';
import { ENGINE } from '../engine.js';
import { randn, tidy } from '../functional.js';
import { Generator } from '../random.js';
import type { Tensor } from '../tensor.js';
import { allowRelaxedSimd, copyTo } from '../test-support/backends.js';
import { CpuBackend } from './backend.js';

// The relaxed-SIMD build (fused multiply-add in the matmul), as the CLI runs it: Node 20 validates it
// only behind a V8 flag, set here for this file and cleared after it (a worker may run other files).
allowRelaxedSimd();

describe('the relaxed-SIMD kernels', () => {
  test('are chosen where the runtime accepts them, and can be declined', () => {
    expect(new CpuBackend().relaxedSimd).toBe(true);
    expect(new CpuBackend({ relaxedSimd: false })).toMatchObject({ simd: true, relaxedSimd: false });
    expect(new CpuBackend({ simd: false }).relaxedSimd).toBe(false);
  });

  test('matmul agrees with the JavaScript loops on every storage order, K block and batch layout', () => {
    const relaxed = new CpuBackend();
    const js = new CpuBackend({ simd: false });
    const g = new Generator(31);
    const shapes: [number, number, number][] = [
      [32, 30, 200],
      [5, 33, 9],
      [7, 600, 13], // three K blocks
      [64, 64, 64],
    ];
    tidy(() => {
      for (const [M, K, N] of shapes) {
        for (const [tA, tB] of [
          [false, false],
          [true, false],
          [false, true],
        ] as const) {
          for (const batch of [1, 3]) {
            const a = randn([batch, ...(tA ? [K, M] : [M, K])], { generator: g });
            const b = randn([1, ...(tB ? [N, K] : [K, N])], { generator: g });
            const run = (x: Tensor, y: Tensor) => ENGINE.run('matmul', [x, y], { transA: tA, transB: tB });
            const got = run(copyTo(a, relaxed), copyTo(b, relaxed));
            const want = run(copyTo(a, js), copyTo(b, js));
            expect(got).toBeAllClose(want.dataSync(), { rtol: 1e-4, atol: 1e-4 });
          }
        }
      }
    });
  });
});
