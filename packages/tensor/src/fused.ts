import type { AdamWScalars } from './backend.js';
import { ENGINE } from './engine.js';
import { fmtShape, shapesEqual } from './shape.js';
import type { Tensor } from './tensor.js';

/**
 * One AdamW update of parameter `p` in place, with its gradient `g` and moment buffers `m` and `v`
 * (updated in place), as `torch.optim.AdamW` computes it:
 * `p ·= decay; m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; p −= stepSize · m / (√v / bc2Sqrt + eps)`.
 * One fused kernel where the backend has one (the CPU backend does), else the same arithmetic
 * composed from ops. Never recorded for autograd.
 *
 * @example
 * ```ts
 * const p = tensor([1, 2]); // a parameter would need noGrad(() => adamwUpdate_(...))
 * const m = zeros([2]);
 * const v = zeros([2]);
 * adamwUpdate_(p, tensor([0.5, -0.5]), m, v, { decay: 1, beta1: 0.9, beta2: 0.99, stepSize: 0.1, bc2Sqrt: 0.1, eps: 1e-8 });
 * // Adam's first step moves each weight by the learning rate, here stepSize · (1 − β1) = 0.01:
 * p.tolist(); // ≈ [0.99, 2.01]
 * ```
 */
export function adamwUpdate_(p: Tensor, g: Tensor, m: Tensor, v: Tensor, scalars: AdamWScalars): void {
  for (const [name, t] of [
    ['g', g],
    ['m', m],
    ['v', v],
  ] as const) {
    if (!shapesEqual(t.shape, p.shape) || t.dtype !== p.dtype || t.backend !== p.backend) {
      throw new Error(
        `adamwUpdate_: ${name} (shape ${fmtShape(t.shape)}, ${t.dtype}) must match the parameter (shape ${fmtShape(p.shape)}, ${p.dtype}) on the same backend.`,
      );
    }
  }
  if (ENGINE.gradEnabled && p.requiresGrad) {
    throw new Error(
      'adamwUpdate_: a parameter that requires grad is updated in place; wrap the update in noGrad(() => ...).',
    );
  }
  const started = ENGINE.profiler ? performance.now() : 0;
  const fused = p.backend.kernels.adamw;
  if (fused) fused(p, g, m, v, scalars);
  else composedAdamW(p, g, m, v, scalars);
  ENGINE.recordOp('adamw', started);
}

function composedAdamW(p: Tensor, g: Tensor, m: Tensor, v: Tensor, s: AdamWScalars): void {
  ENGINE.noGrad(() =>
    ENGINE.tidy(() => {
      if (s.decay !== 1) p.mul_(s.decay);
      m.mul_(s.beta1).add_(g, 1 - s.beta1);
      v.mul_(s.beta2).add_(g.square(), 1 - s.beta2);
      const denom = v.sqrt().div(s.bc2Sqrt).add(s.eps);
      p.sub_(m.div(denom), s.stepSize);
    }),
  );
}
