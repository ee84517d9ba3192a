import { describe, expect, test } from 'vitest';
import { tensor } from '../creation.js';
import { crossEntropy } from '../functional.js';
import { Generator } from '../random.js';
import { randn } from '../random-creation.js';
import { tidy } from '../scope.js';
import type { Tensor } from '../tensor.js';
import { allowRelaxedSimd, copyTo, expectMatmulMatches } from '../test-support/backends.js';
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
      [9, 700, 27], // a last panel of 3 columns, over three K blocks
      [6, 40, 12], // a last panel of exactly 4
    ];
    expectMatmulMatches(new CpuBackend(), new CpuBackend({ simd: false }), shapes, new Generator(31));
  });

  test('exp, and cross-entropy with its gradient, agree with the JavaScript loops', () => {
    const relaxed = new CpuBackend();
    const js = new CpuBackend({ simd: false });
    expect(relaxed.relaxedSimd).toBe(true);
    tidy(() => {
      // exp over float32's whole range, within a few ulp of Math.exp (and a few steps of the smallest
      // denormal, 1.4e-45, where the result is one).
      const xs = Array.from({ length: 4001 }, (_, i) => Math.fround(-100 + i * 0.047));
      const e = tensor(xs, { device: relaxed }).exp().dataSync();
      xs.forEach((x, i) => {
        const want = Math.fround(Math.exp(x));
        expect(Math.abs(e[i]! - want)).toBeLessThanOrEqual(Math.max(3e-7 * want, 5e-45));
      });
      const g = new Generator(5);
      for (const [N, C] of [
        [301, 27],
        [40, 1000],
        [33, 5],
      ] as const) {
        const x = randn([N, C], { generator: g, device: relaxed }).mul(4);
        const ids = Array.from({ length: N }, (_, i) => (i % 7 === 6 ? -1 : (i * 11) % C));
        const run = (logits: Tensor, device: CpuBackend) => {
          const xg = logits.requiresGrad_();
          const loss = crossEntropy(xg, tensor(ids, { dtype: 'int32', device }), { ignoreIndex: -1 });
          loss.backward();
          return { loss: loss.item(), grad: xg.grad!.dataSync() };
        };
        const got = run(x, relaxed);
        const want = run(copyTo(x, js), js);
        expect(got.loss).toBeCloseTo(want.loss, 5);
        for (let i = 0; i < got.grad.length; i++) expect(got.grad[i]).toBeCloseTo(want.grad[i]!, 7);
      }
    });
  });
});
