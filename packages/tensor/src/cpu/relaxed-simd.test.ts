import { describe, expect, test } from 'vitest';
import { Generator } from '../random.js';
import { allowRelaxedSimd, expectMatmulMatches } from '../test-support/backends.js';
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
    const shapes: [number, number, number][] = [
      [32, 30, 200],
      [5, 33, 9],
      [7, 600, 13], // three K blocks
      [64, 64, 64],
    ];
    expectMatmulMatches(new CpuBackend(), new CpuBackend({ simd: false }), shapes, new Generator(31));
  });
});
