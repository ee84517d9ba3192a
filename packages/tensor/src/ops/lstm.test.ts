import { describe, expect, test, vi } from 'vitest';
import { CpuBackend } from '../cpu/backend.js';
import { SimdKernels } from '../cpu/wasm/simd.js';
import type { DType } from '../dtype.js';
import { composedLstmCell, lstmCell } from '../lstm-cell.js';
import { Generator } from '../random.js';
import { randn } from '../random-creation.js';
import { tidy } from '../scope.js';
import type { Tensor } from '../tensor.js';
import { gradcheck } from '../testing/index.js';

// The fused LSTM ops against the cell composed from slices and elementwise ops, forward and backward,
// on both CPU paths (wasm SIMD for float32, the JavaScript loops for float64 and without SIMD).

interface CellRun {
  h: Float64Array;
  c: Float64Array;
  dGates: Float64Array;
  dc: Float64Array | null;
}

/** Runs `cell` on fresh leaves and backpropagates `Σ wh ⊙ h + Σ wc ⊙ c'`, so both outputs carry gradient. */
function runCell(
  cell: (gates: Tensor, c: Tensor) => { h: Tensor; c: Tensor },
  [B, H]: [number, number],
  dtype: DType,
  { device, cNeedsGrad = true }: { device?: CpuBackend; cNeedsGrad?: boolean } = {},
): CellRun {
  return tidy(() => {
    const g = new Generator(B * 100 + H);
    const opts = { generator: g, dtype, device };
    const gates = randn([B, 4 * H], { ...opts, requiresGrad: true });
    const c = randn([B, H], { ...opts, requiresGrad: cNeedsGrad });
    const wh = randn([B, H], opts);
    const wc = randn([B, H], opts);
    const out = cell(gates, c);
    out.h.mul(wh).sum().add(out.c.mul(wc).sum()).backward();
    const f64 = (t: Tensor) => Float64Array.from(t.dataSync());
    return {
      h: f64(out.h),
      c: f64(out.c),
      dGates: f64(gates.grad!),
      dc: c.grad ? f64(c.grad) : null,
    };
  });
}

function expectClose(got: Float64Array, want: Float64Array, dtype: DType): void {
  const tol = dtype === 'float64' ? 1e-12 : 2e-6;
  expect(got.length).toBe(want.length);
  for (let i = 0; i < got.length; i++) {
    expect(Math.abs(got[i]! - want[i]!), `element ${i}: ${got[i]} vs ${want[i]}`).toBeLessThanOrEqual(
      tol * (1 + Math.abs(want[i]!)),
    );
  }
}

function expectSameRun(got: CellRun, want: CellRun, dtype: DType): void {
  expectClose(got.h, want.h, dtype);
  expectClose(got.c, want.c, dtype);
  expectClose(got.dGates, want.dGates, dtype);
  expect(got.dc === null).toBe(want.dc === null);
  if (got.dc && want.dc) expectClose(got.dc, want.dc, dtype);
}

// Odd H (5, 7) leaves a tail of each wasm row; 64 is the lstm model's; B·4H ≥ 64 takes the wasm path.
const shapes: [number, number][] = [
  [1, 1],
  [3, 5],
  [13, 7],
  [4, 16],
  [32, 64],
];

describe('lstmCell', () => {
  const backends = { wasm: new CpuBackend(), js: new CpuBackend({ simd: false }) };
  for (const [path, device] of Object.entries(backends)) {
    describe(`${path} kernels`, () => {
      test.each(
        (['float32', 'float64'] as const).flatMap((dtype) => shapes.map((s) => [dtype, ...s] as const)),
      )('fused equals composed, outputs and gradients (%s, B %i, H %i)', (dtype, B, H) => {
        const want = runCell(composedLstmCell, [B, H], dtype, { device });
        expectSameRun(runCell(lstmCell, [B, H], dtype, { device }), want, dtype);
      });

      test('a c that needs no gradient gets none (the zero first state)', () => {
        const got = runCell(lstmCell, [6, 5], 'float32', { device, cNeedsGrad: false });
        expect(got.dc).toBeNull();
        expectSameRun(
          got,
          runCell(composedLstmCell, [6, 5], 'float32', { device, cNeedsGrad: false }),
          'float32',
        );
      });
    });
  }

  test('wasm and JavaScript kernels agree in float32', () => {
    const kernels = ['lstmCell', 'lstmCellGrad'] as const;
    const spies = kernels.map((name) => vi.spyOn(SimdKernels.prototype, name));
    for (const [B, H] of shapes) {
      const wasm = runCell(lstmCell, [B, H], 'float32', { device: backends.wasm });
      const js = runCell(lstmCell, [B, H], 'float32', { device: backends.js });
      expectSameRun(wasm, js, 'float32');
    }
    // Every wasm kernel ran (on the shapes with B·4H ≥ 64), so the comparison was not JS against JS.
    for (const spy of spies) {
      expect(spy).toHaveBeenCalled();
      spy.mockRestore();
    }
  });

  test('runs the two fused ops on the CPU backend', () => {
    tidy(() => {
      const gates = randn([2, 8], { generator: new Generator(1), requiresGrad: true });
      const { h, c } = lstmCell(gates, randn([2, 2], { generator: new Generator(2) }));
      expect(h.node?.op).toBe('lstmCellOutput');
      expect(c.node?.op).toBe('lstmCellState');
      expect(h.node?.inputs[1]).toBe(c);
    });
  });

  test.each([
    ['composed', composedLstmCell],
    ['fused', lstmCell],
  ] as const)('gradcheck in float64 (%s)', (_name, cell) => {
    tidy(() => {
      const g = new Generator(7);
      const gates = randn([3, 4 * 5], { generator: g, dtype: 'float64', requiresGrad: true });
      const c = randn([3, 5], { generator: g, dtype: 'float64', requiresGrad: true });
      const wc = randn([3, 5], { generator: g, dtype: 'float64' });
      const res = gradcheck(
        (x, s) => {
          const out = cell(x!, s!);
          return out.h.add(out.c.mul(wc));
        },
        [gates, c],
      );
      expect(res.ok, JSON.stringify(res.worst)).toBe(true);
      expect(res.checked).toBe(3 * 20 + 3 * 5);
    });
  });

  test('refuses gates that are not [B, 4H], a c of another shape and mixed dtypes', () => {
    tidy(() => {
      const g = new Generator(3);
      expect(() => lstmCell(randn([2, 6], { generator: g }), randn([2, 1], { generator: g }))).toThrow(
        'lstmCell: expected gates of shape [B, 4H], got [2, 6].',
      );
      expect(() => lstmCell(randn([2, 8], { generator: g }), randn([3, 2], { generator: g }))).toThrow(
        'lstmCell: expected c of shape [2, 2] for gates [2, 8], got [3, 2].',
      );
      expect(() =>
        lstmCell(randn([2, 8], { generator: g }), randn([2, 2], { generator: g, dtype: 'float64' })),
      ).toThrow('lstmCell: gates and c must share one floating dtype, got float32 and float64.');
    });
  });
});
