import { isFloat } from '../dtype.js';
import { ENGINE } from '../engine.js';
import { fmtShape } from '../shape.js';
import type { NoAttrs, OpDef } from './types.js';

/** Attributes of the fused layer-norm op. */
export interface LayerNormAttrs {
  /** Added to the variance before the square root. */
  eps: number;
}

// Layer norm is one op, not a composite of mean/sub/var/div: the composite made a transformer step
// run about forty small kernels (and as many gradient ones) per LayerNorm over the same rows.
/**
 * Attributes of the fused batch-norm op. Its inputs are `[x]`, or `[x, runningMean, runningVar]` to
 * update those buffers in place as PyTorch's `F.batch_norm(..., training=True)` does.
 */
export interface BatchNormAttrs {
  /** Added to the variance before the square root. */
  eps: number;
  /** Weight of the batch's statistics in the running ones. */
  momentum: number;
}

/** The gradient op of a normalisation: one kernel from its output `xhat`, the saved `rstd` and `dy`. */
function normBackward(kernel: 'layerNormGrad' | 'batchNormGrad'): OpDef<NoAttrs> {
  return {
    forward([xhat, rstd, dy], _attrs, ctx) {
      const out = ctx.empty(xhat!.shape, xhat!.dtype);
      ctx.backend.kernels[kernel](xhat!, rstd!, dy!, out);
      return out;
    },
    backward: null,
  };
}

/** The normalisation ops: each a fused forward that saves `rstd`, and a one-kernel backward. */
export const NORM_OPS: {
  layerNorm: OpDef<LayerNormAttrs>;
  layerNormBackward: OpDef<NoAttrs>;
  batchNorm: OpDef<BatchNormAttrs>;
  batchNormBackward: OpDef<NoAttrs>;
} = {
  layerNorm: {
    forward([x], { eps }, ctx) {
      if (x!.shape.length < 1 || x!.shape[x!.shape.length - 1] === 0) {
        throw new Error(`layerNorm: expected [..., C] with C > 0, got ${fmtShape(x!.shape)}.`);
      }
      if (!isFloat(x!.dtype)) throw new Error(`layerNorm: x must be floating point, got ${x!.dtype}.`);
      if (!(eps >= 0)) throw new Error(`layerNorm: eps must be a non-negative number, got ${eps}.`);
      const out = ctx.empty(x!.shape, x!.dtype);
      const rstd = ctx.empty(x!.shape.slice(0, -1), x!.dtype);
      ctx.backend.kernels.layerNorm(x!, out, rstd, eps);
      ctx.save(rstd);
      return out;
    },
    backward(dy, { output, saved }) {
      return [ENGINE.run('layerNormBackward', [output, saved[0]!, dy], {})];
    },
  },
  layerNormBackward: normBackward('layerNormGrad'),
  // Batch norm is one op for the same reason: the composite ran a dozen kernels forward (mean, centre,
  // square, sum, divide, sqrt, ...) and twice as many backward, per layer per step.
  batchNorm: {
    forward([x, runningMean, runningVar], { eps, momentum }, ctx) {
      const C = x!.shape[x!.shape.length - 1];
      if (x!.shape.length < 2 || !C) {
        throw new Error(`batchNorm: expected [N, ..., C] with C > 0, got ${fmtShape(x!.shape)}.`);
      }
      if (!isFloat(x!.dtype)) throw new Error(`batchNorm: x must be floating point, got ${x!.dtype}.`);
      if (!(eps >= 0)) throw new Error(`batchNorm: eps must be a non-negative number, got ${eps}.`);
      for (const t of [runningMean, runningVar]) {
        if (t && (t.shape.length !== 1 || t.shape[0] !== C || t.dtype !== x!.dtype)) {
          throw new Error(
            `batchNorm: running statistics must be ${x!.dtype} of shape [${C}], got ${fmtShape(t.shape)}.`,
          );
        }
      }
      const out = ctx.empty(x!.shape, x!.dtype);
      const rstd = ctx.empty([C], x!.dtype);
      const running = runningMean && runningVar ? { mean: runningMean, var: runningVar, momentum } : null;
      ctx.backend.kernels.batchNorm(x!, out, rstd, eps, running);
      ctx.save(rstd);
      return out;
    },
    backward(dy, { output, saved, inputs }) {
      return [
        ENGINE.run('batchNormBackward', [output, saved[0]!, dy], {}),
        ...inputs.slice(1).map(() => null),
      ];
    },
  },
  batchNormBackward: normBackward('batchNormGrad'),
};
