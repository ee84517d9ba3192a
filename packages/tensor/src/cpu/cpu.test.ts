import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { tensor } from '../creation.js';
import { where } from '../functional.js';
import { geluDerivScalar, geluScalar } from '../ops/elementwise.js';
import { Generator } from '../random.js';
import { randn } from '../random-creation.js';
import { getDefaultBackend, tidy } from '../scope.js';
import { expectMatmulMatches } from '../test-support/backends.js';
import { CpuBackend } from './backend.js';

const pkg = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('backends', () => {
  test('to() copies between backends and ops refuse mixed backends', () => {
    const other = new CpuBackend({ simd: false });
    tidy(() => {
      const a = tensor([1, 2, 3]);
      const b = a.to(other);
      expect(b.backend).toBe(other);
      expect(a.to(a.backend)).toBe(a);
      expect(b.mul(2).tolist()).toEqual([2, 4, 6]);
      expect(b.toString()).toBe("tensor([1., 2., 3.], device='cpu')");
      expect(() => a.add(b)).toThrow(/^add: inputs are on different backends \(cpu and cpu\)\.$/);
    });
  });
});

describe('WebAssembly SIMD matmul', () => {
  test('is in use on this runtime (Node 20 has wasm SIMD)', () => {
    expect((getDefaultBackend() as CpuBackend).simd).toBe(true);
    expect(new CpuBackend({ simd: false }).simd).toBe(false);
  });

  test('agrees with the JavaScript loops on every storage order, padding case and batch layout', () => {
    const shapes: [number, number, number][] = [
      [32, 30, 200], // the MLP's first layer
      [32, 200, 27], // its second
      [27, 32, 200],
      [5, 33, 9], // padding in M, N and an odd K
      [64, 64, 64],
      [1, 4096, 1],
      [9, 700, 27], // a last panel of 3 columns, over three K blocks
      [6, 40, 12], // a last panel of exactly 4
    ];
    const plain = new CpuBackend({ relaxedSimd: false });
    expectMatmulMatches(plain, new CpuBackend({ simd: false }), shapes, new Generator(21));
  });

  test('tanh is within a few float32 ulp of Math.tanh everywhere, and exact at the edges', () => {
    const n = 200_003; // not a multiple of 4
    const xs = new Float32Array(n);
    for (let i = 0; i < n; i++) xs[i] = (i - n / 2) * 1e-4; // [-10, 10]
    xs.set([
      0,
      -0,
      1e-30,
      -3e-5,
      0.0004,
      0.00041,
      9,
      -20,
      1e30,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
    ]);
    tidy(() => {
      const y = tensor(xs).tanh().dataSync();
      let worst = 0;
      for (let i = 0; i < n; i++) {
        const want = Math.tanh(xs[i]!);
        if (Number.isNaN(want)) {
          expect(y[i]).toBeNaN();
          continue;
        }
        worst = Math.max(worst, Math.abs(y[i]! - want) / Math.max(Math.abs(want), 1e-30));
      }
      expect(worst).toBeLessThan(5e-7); // about 4 ulp
      expect(Object.is(y[1], -0)).toBe(true);
      expect([y[9], y[10]]).toEqual([1, -1]);
    });
  });

  test('gelu and its gradient in wasm agree with the float64 definition to float32 precision', () => {
    const n = 100_003; // not a multiple of 4
    const xs = new Float32Array(n);
    const dys = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      xs[i] = (i - n / 2) * 2e-4; // [-10, 10]
      dys[i] = 1 + ((i * 7919) % 13) / 13; // varied upstream gradients
    }
    xs.set([0, -0, 1e-30, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN]);
    tidy(() => {
      const x = tensor(xs, { requiresGrad: true });
      const y = x.gelu();
      y.backward(tensor(dys));
      const got = y.dataSync();
      const grad = x.grad!.dataSync();
      let worstValue = 0;
      let worstGrad = 0;
      for (let i = 0; i < n; i++) {
        const want = geluScalar(xs[i]!);
        const wantGrad = dys[i]! * geluDerivScalar(xs[i]!);
        if (!Number.isFinite(xs[i]!)) continue;
        // Error relative to the input's scale: gelu(x) ≈ x for large x, and ≈ 0 (by cancellation) for very negative x.
        worstValue = Math.max(worstValue, Math.abs(got[i]! - want) / Math.max(Math.abs(xs[i]!), 1));
        worstGrad = Math.max(worstGrad, Math.abs(grad[i]! - wantGrad) / Math.max(Math.abs(dys[i]!), 1));
      }
      expect(worstValue).toBeLessThan(1e-6);
      // (1 − t²) near |t| = 1 amplifies tanh's float32 rounding by up to |x|·√(2/π)·(1 + 0.134·x²);
      // a wrong constant in the formula shows up at 1e-3 and above.
      expect(worstGrad).toBeLessThan(1e-5);
      // Non-finite inputs give what the scalar definition gives (−∞ · 0 is NaN there too).
      expect([got[3], got[4], got[5]]).toEqual([3, 4, 5].map((i) => geluScalar(xs[i]!)));
    });
  });

  test('where with repeated, scalar and general broadcasts equals where on expanded operands', () => {
    const g = new Generator(5);
    const out = [2, 3, 4];
    // [cond, a, b] shapes: suffix repeats and scalars take the fast path; [3, 1] and [2, 1, 4] do not.
    const cases: number[][][] = [
      [[3, 4], out, []],
      [[4], [3, 4], out],
      [out, [], [4]],
      [[3, 1], out, []],
      [[2, 1, 4], [4], out],
    ];
    tidy(() => {
      for (const [cs, as, bs] of cases) {
        const cond = randn(cs!, { generator: g }).gt(0);
        const a = randn(as!, { generator: g });
        const b = randn(bs!, { generator: g });
        const want = a.expand(out).where(cond.expand(out), b.expand(out));
        expect(where(cond, a, b).dataSync()).toEqual(want.dataSync());
      }
    });
  });

  test('the embedded module is the compiled assembly/kernels.ts', async () => {
    const { compileKernels, render } = (await import(join(pkg, 'scripts', 'build-wasm.mjs'))) as {
      compileKernels: () => Promise<Record<'simd' | 'relaxed' | 'shared', Uint8Array>>;
      render: (modules: Record<'simd' | 'relaxed' | 'shared', Uint8Array>) => string;
    };
    const embedded = readFileSync(join(pkg, 'src', 'cpu', 'wasm', 'kernels-wasm.ts'), 'utf8');
    expect(render(await compileKernels())).toBe(embedded);
  }, 30_000);
});
