import type { Shape } from '../shape.js';
import type { OpAttrs } from './attrs.js';
import type { OpDef } from './types.js';

/** Attributes of `sum` and `max`: sorted, non-negative axes. */
export interface ReduceAttrs {
  /** Axes to reduce (sorted, non-negative). */
  axes: readonly number[];
  /** Keep reduced axes as size 1. */
  keepdim: boolean;
}

/** Attributes of `argmax`. */
export interface ArgmaxAttrs {
  /** The axis to search. */
  axis: number;
  /** Keep the axis as size 1. */
  keepdim: boolean;
}

function reducedShape(shape: Shape, axes: readonly number[], keepdim: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    if (axes.includes(i)) {
      if (keepdim) out.push(1);
    } else out.push(shape[i]!);
  }
  return out;
}

function keptShape(shape: Shape, axes: readonly number[]): number[] {
  return reducedShape(shape, axes, true);
}

/** Reductions. `mean` and `var` are composites built on `sum`. */
export const REDUCE_OPS: { [P in 'sum' | 'max' | 'argmax']: OpDef<OpAttrs[P]> } = {
  sum: {
    forward([x], { axes, keepdim }, ctx) {
      const out = ctx.empty(reducedShape(x!.shape, axes, keepdim), x!.dtype);
      ctx.backend.kernels.reduce(x!, out, 'sum', axes);
      return out;
    },
    backward(dy, { inputs, attrs }) {
      const x = inputs[0]!;
      return [dy.reshape(keptShape(x.shape, attrs.axes)).expand(x.shape)];
    },
  },
  max: {
    forward([x], { axes, keepdim }, ctx) {
      for (const a of axes) {
        if (x!.shape[a] === 0)
          throw new Error(`max: cannot reduce over dim ${a} of size 0 (shape [${x!.shape}]).`);
      }
      const out = ctx.empty(reducedShape(x!.shape, axes, keepdim), x!.dtype);
      ctx.backend.kernels.reduce(x!, out, 'max', axes);
      return out;
    },
    backward(dy, { inputs, output, attrs }) {
      // Ties share the gradient equally (as PyTorch's amax does).
      const x = inputs[0]!;
      const kept = keptShape(x.shape, attrs.axes);
      const mask = x.eq(output.reshape(kept));
      return [mask.mul(dy.reshape(kept)).div(mask.sum(attrs.axes, true))];
    },
  },
  argmax: {
    forward([x], { axis, keepdim }, ctx) {
      if (x!.shape[axis] === 0) throw new Error(`argmax: cannot reduce over dim ${axis} of size 0.`);
      const out = ctx.empty(reducedShape(x!.shape, [axis], keepdim), 'int32');
      ctx.backend.kernels.argmax(x!, out, axis);
      return out;
    },
    backward: null,
  },
};
