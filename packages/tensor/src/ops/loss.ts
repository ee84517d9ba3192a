import type { Reduction } from '../backend.js';
import { isFloat } from '../dtype.js';
import { ENGINE } from '../engine.js';
import { fmtShape } from '../shape.js';
import type { OpAttrs } from './attrs.js';
import type { OpDef } from './types.js';

/** Attributes of the fused cross-entropy ops. */
export interface CrossEntropyAttrs {
  /** Target value whose rows are skipped (makemore uses -1). */
  ignoreIndex: number;
  /** How rows are combined. */
  reduction: Reduction;
}

/** Fused softmax cross-entropy (forward keeps the probabilities; backward is one kernel). */
export const LOSS_OPS: { [P in 'crossEntropy' | 'crossEntropyBackward']: OpDef<OpAttrs[P]> } = {
  crossEntropy: {
    forward([logits, targets], { ignoreIndex, reduction }, ctx) {
      const ls = logits!.shape;
      const ts = targets!.shape;
      if (ls.length !== 2 || ts.length !== 1 || ts[0] !== ls[0]) {
        throw new Error(
          `crossEntropy: logits ${fmtShape(ls)} and targets ${fmtShape(ts)} must be [N, C] and [N].`,
        );
      }
      if (!isFloat(logits!.dtype))
        throw new Error(`crossEntropy: logits must be floating point, got ${logits!.dtype}.`);
      if (targets!.dtype !== 'int32')
        throw new Error(`crossEntropy: targets must be int32, got ${targets!.dtype}.`);
      const probs = ctx.empty(ls, logits!.dtype);
      const loss = ctx.empty(reduction === 'none' ? [ls[0]!] : [], logits!.dtype);
      ctx.backend.kernels.crossEntropy(logits!, targets!, probs, loss, ignoreIndex, reduction);
      ctx.save(probs);
      return loss;
    },
    backward(dy, { inputs, saved, attrs }) {
      const probs = saved[0]!;
      return [ENGINE.run('crossEntropyBackward', [probs, inputs[1]!, dy], attrs), null];
    },
  },
  crossEntropyBackward: {
    forward([probs, targets, dy], { ignoreIndex, reduction }, ctx) {
      const out = ctx.empty(probs!.shape, probs!.dtype);
      ctx.backend.kernels.crossEntropyGrad(probs!, targets!, dy!, out, ignoreIndex, reduction);
      return out;
    },
    backward: null,
  },
};
