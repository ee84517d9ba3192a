import { describe, expect, test } from 'vitest';
import { tensor } from '../creation.js';
import { ENGINE } from '../engine.js';
import { batchNorm, causalAttention, crossEntropy, layerNorm } from '../functional.js';
import { Generator } from '../random.js';
import { randn } from '../random-creation.js';
import { tidy } from '../scope.js';
import type { Tensor } from '../tensor.js';
import { copyTo } from '../test-support/backends.js';
import { CpuBackend } from './backend.js';
import { SIMD_BINARY_CODES, type SimdBinaryName, SimdKernels } from './wasm/simd.js';

// The wasm kernels against the JavaScript loops they replace (a backend with simd: false), on odd
// sizes, both broadcast patterns and both operand orders.

const wasm = new CpuBackend();
const js = new CpuBackend({ simd: false });

function randomOn(shape: number[], g: Generator, positive = false): [Tensor, Tensor] {
  let t = randn(shape, { generator: g, device: wasm });
  if (positive) t = t.abs().add(0.5);
  return [t, copyTo(t, js)];
}

const binaryOps: Record<SimdBinaryName, (a: Tensor, b: Tensor) => Tensor> = {
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div: (a, b) => a.div(b),
  tanhGrad: (a, b) => ENGINE.run('tanhGrad', [a, b], {}),
  sigmoidGrad: (a, b) => ENGINE.run('sigmoidGrad', [a, b], {}),
  reluGrad: (a, b) => ENGINE.run('reluGrad', [a, b], {}),
};

describe('wasm elementwise kernels', () => {
  test('every binary function has a wasm code and a case here', () => {
    expect(Object.keys(binaryOps).sort()).toEqual(Object.keys(SIMD_BINARY_CODES).sort());
  });

  // [a, b]: same shapes (odd sizes), a bias row, a keepdim column, a broadcast left operand.
  const shapes: [number[], number[]][] = [
    [
      [37, 3],
      [37, 3],
    ],
    [[1001], [1001]],
    [[33, 27], [27]],
    [
      [5, 13, 7],
      [13, 7],
    ],
    [
      [40, 10],
      [40, 1],
    ],
    [
      [6, 9, 5],
      [6, 9, 1],
    ],
    [[64], [33, 64]],
    [
      [20, 1],
      [20, 30],
    ],
  ];
  for (const [name, op] of Object.entries(binaryOps)) {
    test.each(shapes)(`${name} on %j and %j equals the JavaScript loop`, (sa, sb) => {
      const g = new Generator(11);
      tidy(() => {
        const [a, aj] = randomOn(sa, g);
        const [b, bj] = randomOn(sb, g, name === 'div');
        const got = op(a, b);
        const want = op(aj, bj);
        expect(got.shape).toEqual(want.shape);
        expect(got).toBeAllClose(want.dataSync(), { rtol: 1e-6, atol: 1e-6 });
      });
    });
  }

  test('exp and sigmoid are within a few float32 ulp, with the edges of Math.exp', () => {
    const xs = new Float32Array(50_003);
    for (let i = 0; i < xs.length; i++) xs[i] = (i - xs.length / 2) * 0.0035; // [-87.5, 87.5]
    xs.set([
      0,
      -0,
      1e-30,
      88.5,
      -104,
      1e30,
      -1e30,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NaN,
    ]);
    tidy(() => {
      const t = ENGINE.makeTensor([xs.length], 'float32', wasm);
      wasm.write(t.dataId, xs);
      const e = t.exp().dataSync();
      const s = t.sigmoid().dataSync();
      let worstExp = 0;
      let worstSigmoid = 0;
      for (let i = 0; i < xs.length; i++) {
        const want = Math.fround(Math.exp(xs[i]!));
        const wantS = 1 / (1 + Math.exp(-xs[i]!));
        if (Number.isNaN(want)) {
          expect(e[i]).toBeNaN();
          expect(s[i]).toBeNaN();
          continue;
        }
        if (Number.isFinite(want) && want > 1e-37)
          worstExp = Math.max(worstExp, Math.abs(e[i]! - want) / want);
        worstSigmoid = Math.max(worstSigmoid, Math.abs(s[i]! - wantS));
      }
      expect(worstExp).toBeLessThan(3e-7);
      expect(worstSigmoid).toBeLessThan(2e-7);
      expect([e[0], e[4], e[5], e[6], e[7], e[8]]).toEqual([1, 0, Infinity, 0, Infinity, 0]);
      expect(e[3]).toBeCloseTo(Math.fround(Math.exp(88.5)), -31); // 2.7e38, still finite in float32
      expect([s[7], s[8]]).toEqual([1, 0]);
    });
  });

  // Runs of axes (leading, middle, trailing, all) over odd sizes: each is one outer × red × inner sum.
  test.each([
    [[37, 19], [0]],
    [[37, 19], [1]],
    [
      [5, 11, 7],
      [0, 1],
    ],
    [[5, 11, 7], [1]],
    [[5, 11, 7], [2]],
    [
      [4, 3, 9, 5],
      [1, 2],
    ],
    [[300], [0]],
  ])('sum of %j over %j equals the JavaScript loop', (shape, axes) => {
    const g = new Generator(4);
    tidy(() => {
      const [x, xj] = randomOn(shape, g);
      expect(x.sum(axes)).toBeAllClose(xj.sum(axes).dataSync(), { rtol: 1e-5, atol: 1e-5 });
      expect(x.sum(axes, true).shape).toEqual(xj.sum(axes, true).shape);
    });
  });

  test.each([
    [40, 27],
    [7, 3],
    [33, 5],
    [16, 64],
  ])(
    'cross-entropy of %i rows of %i classes (every reduction, ignored rows) and its gradient equal the JavaScript loop',
    (N, C) => {
      const g = new Generator(8);
      for (const reduction of ['mean', 'sum', 'none'] as const) {
        tidy(() => {
          const [logits, lj] = randomOn([N, C], g);
          const ids = Array.from({ length: N }, (_, i) => (i % 5 === 4 ? -1 : (i * 7) % C));
          const run = (x: Tensor, device: CpuBackend) => {
            const xg = x.requiresGrad_();
            const loss = crossEntropy(xg, tensor(ids, { dtype: 'int32', device }), {
              reduction,
              ignoreIndex: -1,
            });
            (reduction === 'none' ? loss.sum() : loss).backward();
            return { loss: loss.dataSync(), grad: xg.grad!.dataSync() };
          };
          const got = run(logits, wasm);
          const want = run(lj, js);
          expect(
            Array.from(got.loss)
              .map((v, i) => v - want.loss[i]!)
              .every((d) => Math.abs(d) < 1e-5),
          ).toBe(true);
          for (let i = 0; i < got.grad.length; i++) expect(got.grad[i]).toBeCloseTo(want.grad[i]!, 6);
          for (let i = 4; i < N; i += 5)
            expect(Array.from(got.grad.slice(i * C, (i + 1) * C)).every((v) => v === 0)).toBe(true);
        });
      }
    },
  );

  test('cross-entropy in wasm keeps the edges of the JavaScript loop: wide rows, one class, −∞, NaN, a bad target', () => {
    const g = new Generator(9);
    tidy(() => {
      const lossOf = (x: Tensor, ids: number[], device: CpuBackend) =>
        crossEntropy(x, tensor(ids, { dtype: 'int32', device }), { reduction: 'none' }).dataSync();
      // Wide rows (the log of sums up to about 1000) and logits spread far enough that shifted
      // values fall below ln(FLT_MIN), where the wasm exp returns 0 and the loop a denormal.
      for (const [N, C, scale] of [
        [17, 1000, 1],
        [9, 1, 1],
        [21, 31, 60],
      ] as const) {
        const [x, xj] = randomOn([N, C], g);
        const ids = Array.from({ length: N }, (_, i) => (i * 13) % C);
        const got = lossOf(x.mul(scale), ids, wasm);
        const want = lossOf(xj.mul(scale), ids, js);
        for (let i = 0; i < N; i++) expect(got[i]).toBeCloseTo(want[i]!, 4);
      }
      // A masked logit (−∞) has probability exactly 0; a NaN logit makes its row's loss NaN.
      const row = Array.from({ length: 24 }, (_, c) => c / 10);
      const masked = tensor(
        [[...row.slice(0, 23), Number.NEGATIVE_INFINITY], [...row.slice(0, 23), Number.NaN], row, row],
        {
          device: wasm,
        },
      );
      const probs = masked.softmax(-1).dataSync();
      expect(probs[23]).toBe(0);
      const losses = lossOf(masked, [0, 0, 1, 2], wasm);
      expect(Number.isNaN(losses[1])).toBe(true);
      expect(losses[0]).toBeCloseTo(lossOf(copyTo(masked, js), [0, 0, 1, 2], js)[0]!, 5);
      // The first bad target is named, as the loop names it.
      const [x] = randomOn([70, 3], g);
      const bad = Array.from({ length: 70 }, (_, i) => (i === 41 ? 3 : i % 3));
      expect(() => lossOf(x, bad, wasm)).toThrow(/target 3 is out of range for 3 classes/);
    });
  });

  test.each([
    [3, 7, 4, 8],
    [2, 1, 2, 4],
    [4, 16, 4, 16],
  ])(
    'causal attention (B %i, T %i, %i heads of %i) and its gradient equal the JavaScript loop',
    (B, T, nh, hs) => {
      const g = new Generator(12);
      tidy(() => {
        const [qkv, qj] = randomOn([B, T, 3 * nh * hs], g);
        const [dy, dj] = randomOn([B, T, nh * hs], g);
        const run = (x: Tensor, grad: Tensor) => {
          const xg = x.requiresGrad_();
          const y = causalAttention(xg, nh);
          y.backward(grad);
          return { y: y.dataSync(), dx: xg.grad!.dataSync() };
        };
        const got = run(qkv, dy);
        const want = run(qj, dj);
        for (let i = 0; i < got.y.length; i++) expect(got.y[i]).toBeCloseTo(want.y[i]!, 5);
        for (let i = 0; i < got.dx.length; i++) expect(got.dx[i]).toBeCloseTo(want.dx[i]!, 5);
      });
    },
  );

  test.each([
    [[37, 64], 1e-5],
    [[3, 5, 8], 0],
    [[2, 4], 0.5],
  ])('layer norm of %j (eps %d) and its gradient equal the JavaScript loop', (shape, eps) => {
    const g = new Generator(14);
    tidy(() => {
      const [x, xj] = randomOn(shape, g);
      const [dy, dj] = randomOn(shape, g);
      const run = (t: Tensor, grad: Tensor) => {
        const tg = t.requiresGrad_();
        const y = layerNorm(tg, { eps });
        y.backward(grad);
        return { y, dx: tg.grad! };
      };
      const got = run(x, dy);
      const want = run(xj, dj);
      expect(got.y).toBeAllClose(want.y.dataSync(), { rtol: 1e-5, atol: 1e-5 });
      expect(got.dx).toBeAllClose(want.dx.dataSync(), { rtol: 1e-4, atol: 1e-5 });
    });
  });

  test.each([
    [[37, 64], true],
    [[6, 5, 8], false],
    [[1, 4], true],
  ])(
    'batch norm of %j (running statistics: %s) and its gradient equal the JavaScript loop',
    (shape, withRunning) => {
      const g = new Generator(15);
      const C = shape.at(-1)!;
      tidy(() => {
        const [x, xj] = randomOn(shape, g);
        const [dy, dj] = randomOn(shape, g);
        const [rm, rmj] = randomOn([C], g);
        const [rv, rvj] = randomOn([C], g, true);
        const run = (t: Tensor, grad: Tensor, runningMean: Tensor, runningVar: Tensor) => {
          const tg = t.requiresGrad_();
          const y = batchNorm(tg, withRunning ? { runningMean, runningVar, momentum: 0.3 } : {});
          y.backward(grad);
          return { y, dx: tg.grad! };
        };
        const got = run(x, dy, rm, rv);
        const want = run(xj, dj, rmj, rvj);
        expect(got.y).toBeAllClose(want.y.dataSync(), { rtol: 1e-5, atol: 1e-5 });
        expect(got.dx).toBeAllClose(want.dx.dataSync(), { rtol: 1e-4, atol: 1e-5 });
        expect(rm).toBeAllClose(rmj.dataSync(), { rtol: 1e-6, atol: 1e-6 });
        expect(rv).toBeAllClose(rvj.dataSync(), { rtol: 1e-5, atol: 1e-6 });
      });
    },
  );

  test('axpy in wasm equals the JavaScript loop', () => {
    const g = new Generator(3);
    tidy(() => {
      const [p, pj] = randomOn([203], g);
      const [grad, gj] = randomOn([203], g);
      expect(p.clone().add_(grad, -0.3)).toBeAllClose(pj.clone().add_(gj, -0.3).dataSync(), {
        rtol: 1e-6,
        atol: 1e-7,
      });
    });
  });

  test('operands outside the arena are copied in and out (and may alias)', () => {
    const simd = SimdKernels.create()!;
    const a = Float32Array.from({ length: 9 }, (_, i) => i - 4);
    const b = Float32Array.from({ length: 9 }, (_, i) => 2 * i + 1);
    const out = new Float32Array(9);
    simd.binarySame('mul', a, b, out);
    expect(Array.from(out)).toEqual(Array.from(a, (v, i) => v * b[i]!));
    simd.axpy(a, b, 0.5, a); // out aliases a
    expect(Array.from(a)).toEqual(Array.from({ length: 9 }, (_, i) => i - 4 + 0.5 * (2 * i + 1)));
    const row = new Float32Array([10, 20, 30]);
    const grid = Float32Array.from({ length: 6 }, (_, i) => i);
    simd.binaryBroadcast('sub', grid, row, grid, 3, true, true); // row - grid, in place
    expect(Array.from(grid)).toEqual([10, 19, 28, 7, 16, 25]);
    expect(simd.arena.numFree).toBeGreaterThan(0); // the temporary blocks went back
  });
});
