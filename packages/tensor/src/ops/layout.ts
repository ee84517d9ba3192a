import { type DType, isFloat } from '../dtype.js';
import { ENGINE } from '../engine.js';
import { broadcastShapes, fmtShape, type Shape, shapesEqual, sizeOf } from '../shape.js';
import type { OpAttrs } from './attrs.js';
import { UNARY_FNS } from './elementwise.js';
import type { OpDef } from './types.js';

/** Attributes of `reshape`. */
export interface ReshapeAttrs {
  /** Target shape, fully resolved (no -1). */
  shape: Shape;
}
/** Attributes of `permute`. */
export interface PermuteAttrs {
  /** `out.shape[i] = x.shape[perm[i]]`. */
  perm: readonly number[];
}
/** Attributes of `expand`. */
export interface ExpandAttrs {
  /** Target shape (x must broadcast to it). */
  shape: Shape;
}
/** Attributes of `slice`: per axis, first index, count and positive step. */
export interface SliceAttrs {
  /** First index per axis. */
  begin: readonly number[];
  /** Elements taken per axis (the output shape). */
  size: readonly number[];
  /** Step per axis (positive). */
  step: readonly number[];
}
/** Attributes of `unslice` (the adjoint of slice). */
export interface UnsliceAttrs {
  /** First index per axis. */
  begin: readonly number[];
  /** Step per axis. */
  step: readonly number[];
  /** The shape of the tensor that was sliced. */
  shape: Shape;
}
/** Attributes of `concat`. */
export interface ConcatAttrs {
  /** Axis to join along (non-negative). */
  axis: number;
}
/** Attributes of `cast`. */
export interface CastAttrs {
  /** Target dtype. */
  dtype: DType;
}

function inversePerm(perm: readonly number[]): number[] {
  const inv = new Array<number>(perm.length);
  for (let i = 0; i < perm.length; i++) inv[perm[i]!] = i;
  return inv;
}

/** Movement and layout ops. `reshape` is a view (no copy); the others copy. */
export const LAYOUT_OPS: {
  [P in 'reshape' | 'permute' | 'expand' | 'slice' | 'unslice' | 'concat' | 'cast' | 'copy']: OpDef<
    OpAttrs[P]
  >;
} = {
  reshape: {
    forward([x], { shape }, ctx) {
      return ctx.view(x!, shape);
    },
    backward(dy, { inputs }) {
      return [dy.reshape(inputs[0]!.shape)];
    },
  },
  permute: {
    forward([x], { perm }, ctx) {
      const out = ctx.empty(
        perm.map((p) => x!.shape[p]!),
        x!.dtype,
      );
      ctx.backend.kernels.permute(x!, out, perm);
      return out;
    },
    backward(dy, { attrs }) {
      return [dy.permute(inversePerm(attrs.perm))];
    },
  },
  expand: {
    forward([x], { shape }, ctx) {
      const b = broadcastShapes('expand', x!.shape, shape);
      if (!shapesEqual(b, shape)) {
        throw new Error(`expand: shape ${fmtShape(x!.shape)} cannot be expanded to ${fmtShape(shape)}.`);
      }
      const out = ctx.empty(shape, x!.dtype);
      ctx.backend.kernels.broadcastTo(x!, out);
      return out;
    },
    // The engine sums the gradient back over the broadcast axes.
    backward: (dy) => [dy],
  },
  slice: {
    forward([x], { begin, size, step }, ctx) {
      const out = ctx.empty(size, x!.dtype);
      ctx.backend.kernels.slice(x!, out, begin, step);
      return out;
    },
    backward(dy, { inputs, attrs }) {
      return [ENGINE.run('unslice', [dy], { begin: attrs.begin, step: attrs.step, shape: inputs[0]!.shape })];
    },
  },
  unslice: {
    forward([dy], { begin, step, shape }, ctx) {
      const out = ctx.empty(shape, dy!.dtype);
      ctx.backend.kernels.sliceGrad(dy!, out, begin, step);
      return out;
    },
    backward(ddy, { inputs, attrs }) {
      return [ENGINE.run('slice', [ddy], { begin: attrs.begin, size: inputs[0]!.shape, step: attrs.step })];
    },
  },
  concat: {
    forward(xs, { axis }, ctx) {
      const first = xs[0]!;
      const shape = [...first.shape];
      let total = 0;
      for (const x of xs) {
        if (
          x.shape.length !== first.shape.length ||
          x.shape.some((d, i) => i !== axis && d !== first.shape[i])
        ) {
          throw new Error(
            `cat: shapes ${fmtShape(first.shape)} and ${fmtShape(x.shape)} must match except in dim ${axis}.`,
          );
        }
        if (x.dtype !== first.dtype) throw new Error(`cat: dtypes ${first.dtype} and ${x.dtype} differ.`);
        total += x.shape[axis]!;
      }
      shape[axis] = total;
      const out = ctx.empty(shape, first.dtype);
      ctx.backend.kernels.concat(xs, out, axis);
      return out;
    },
    backward(dy, { inputs, attrs, needsGrad }) {
      let start = 0;
      return inputs.map((x, i) => {
        const n = x.shape[attrs.axis]!;
        const g = needsGrad[i] ? dy.slice(attrs.axis, start, start + n) : null;
        start += n;
        return g;
      });
    },
  },
  cast: {
    forward([x], { dtype }, ctx) {
      const out = ctx.empty(x!.shape, dtype);
      ctx.backend.kernels.cast(x!, out);
      return out;
    },
    backward(dy, { inputs }) {
      const x = inputs[0]!;
      return [isFloat(x.dtype) ? dy.cast(x.dtype) : null];
    },
  },
  copy: {
    forward([x], _attrs, ctx) {
      const out = ctx.empty(x!.shape, x!.dtype);
      ctx.backend.kernels.unary(x!, out, UNARY_FNS.copy);
      return out;
    },
    backward: (dy) => [dy],
  },
};

/** Checks a view's size matches; used by the engine's `view`. */
export function assertSameSize(op: string, from: Shape, to: Shape): void {
  if (sizeOf(from) !== sizeOf(to)) {
    throw new Error(
      `${op}: shape ${fmtShape(from)} (${sizeOf(from)} elements) cannot be viewed as ${fmtShape(to)} (${sizeOf(to)} elements).`,
    );
  }
}
