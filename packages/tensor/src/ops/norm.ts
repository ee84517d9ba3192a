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
/** Fused layer normalisation over the last axis (forward saves `rstd`; backward is one kernel). */
export const NORM_OPS: { layerNorm: OpDef<LayerNormAttrs>; layerNormBackward: OpDef<NoAttrs> } = {
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
  layerNormBackward: {
    forward([xhat, rstd, dy], _attrs, ctx) {
      const out = ctx.empty(xhat!.shape, xhat!.dtype);
      ctx.backend.kernels.layerNormGrad(xhat!, rstd!, dy!, out);
      return out;
    },
    backward: null,
  },
};
