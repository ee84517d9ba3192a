import { describe, expect, test } from 'vitest';
import type { Backend } from './backend.js';
import { CpuBackend } from './cpu/backend.js';
import { tensor } from './creation.js';
import { adamwUpdate_ } from './fused.js';
import { Generator } from './random.js';
import { randn } from './random-creation.js';
import { noGrad, tidy } from './scope.js';
import type { Tensor } from './tensor.js';

/** The CPU backend without its fused AdamW kernel, so adamwUpdate_ composes the update from ops. */
function withoutFusedAdamW(): Backend {
  const cpu = new CpuBackend();
  const { adamw: _, ...kernels } = cpu.kernels;
  return Object.assign(Object.create(cpu) as Backend, { kernels });
}

const scalars = {
  decay: 1 - 1e-3 * 0.01,
  beta1: 0.9,
  beta2: 0.99,
  stepSize: 1e-3 / 0.1,
  bc2Sqrt: Math.sqrt(0.01),
  eps: 1e-8,
};

describe('adamwUpdate_', () => {
  for (const dtype of ['float32', 'float64'] as const) {
    test(`the fused kernel equals the composed update over three steps (${dtype}, odd size)`, () => {
      const composed = withoutFusedAdamW();
      expect(composed.kernels.adamw).toBeUndefined();
      const g = new Generator(9);
      tidy(() => {
        const init = randn([7, 13], { generator: g, dtype });
        const state = (device: Backend) =>
          [init, init.mul(0), init.mul(0)].map((t) =>
            tensor(t.dataSync(), { shape: t.shape, dtype, device }),
          );
        const fused = state(init.backend);
        const slow = state(composed);
        for (let step = 0; step < 3; step++) {
          const grad = randn([7, 13], { generator: g, dtype });
          noGrad(() => {
            adamwUpdate_(fused[0]!, fused[1]!.mul(0).add(grad), fused[1]!, fused[2]!, scalars);
          });
          const gSlow = tensor(grad.dataSync(), { shape: grad.shape, dtype, device: composed });
          adamwUpdate_(slow[0]!, gSlow, slow[1]!, slow[2]!, scalars);
        }
        const tol = dtype === 'float32' ? { rtol: 1e-6, atol: 1e-7 } : { rtol: 1e-12, atol: 1e-14 };
        for (const [i, t] of fused.entries()) expect(t as Tensor).toBeAllClose(slow[i]!.dataSync(), tol);
        expect(fused[0]).not.toBeAllClose(init.dataSync(), { rtol: 0, atol: 1e-4 }); // it moved
      });
    });
  }

  test('refuses mismatched buffers and a parameter updated in grad mode', () => {
    tidy(() => {
      const p = tensor([1, 2, 3]);
      expect(() => adamwUpdate_(p, tensor([1, 2]), tensor([0, 0, 0]), tensor([0, 0, 0]), scalars)).toThrow(
        /^adamwUpdate_: g \(shape \[2\], float32\) must match the parameter \(shape \[3\], float32\)/,
      );
      const w = tensor([1, 2, 3], { requiresGrad: true });
      expect(() => adamwUpdate_(w, p, p.mul(0), p.mul(0), scalars)).toThrow(/wrap the update in noGrad/);
    });
  });
});
