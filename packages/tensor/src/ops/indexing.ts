import { type DType, promoteTypes } from '../dtype.js';
import { ENGINE } from '../engine.js';
import { broadcastShapes, fmtShape, type Shape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import type { OpAttrs } from './attrs.js';
import type { OpDef } from './types.js';

/** Attributes of `take` (gather whole slices along an axis, the lecture's `C[X]`). */
export interface TakeAttrs {
  /** Axis of `x` that the indices address. */
  axis: number;
}
/** Attributes of `takeGrad` (scatter-add, the adjoint of take). */
export interface TakeGradAttrs {
  /** Axis of the result that the indices address. */
  axis: number;
  /** Size of that axis in the result. */
  size: number;
}
/** Attributes of `gather` (PyTorch semantics). */
export interface GatherAttrs {
  /** Axis along which `index` picks. */
  axis: number;
}
/** Attributes of `gatherGrad` (scatter-add, the adjoint of gather). */
export interface GatherGradAttrs {
  /** Axis along which `index` picks. */
  axis: number;
  /** Shape of the gathered-from tensor. */
  shape: Shape;
}
/** Attributes of `oneHot`. */
export interface OneHotAttrs {
  /** Number of classes. */
  depth: number;
  /** Result dtype. */
  dtype: DType;
}

function assertIndex(op: string, index: Tensor): void {
  if (index.dtype !== 'int32') {
    throw new Error(`${op}: indices must be int32, got ${index.dtype} with shape ${fmtShape(index.shape)}.`);
  }
}

/** Integer indexing, where and one-hot. */
export const INDEXING_OPS: {
  [P in 'take' | 'takeGrad' | 'gather' | 'gatherGrad' | 'where' | 'oneHot']: OpDef<OpAttrs[P]>;
} = {
  take: {
    forward([x, index], { axis }, ctx) {
      assertIndex('index', index!);
      const s = x!.shape;
      const out = ctx.empty([...s.slice(0, axis), ...index!.shape, ...s.slice(axis + 1)], x!.dtype);
      ctx.backend.kernels.take(x!, index!, out, axis);
      return out;
    },
    backward(dy, { inputs, attrs }) {
      const [x, index] = inputs as [Tensor, Tensor];
      return [ENGINE.run('takeGrad', [dy, index], { axis: attrs.axis, size: x.shape[attrs.axis]! }), null];
    },
  },
  takeGrad: {
    forward([dy, index], { axis, size }, ctx) {
      assertIndex('takeGrad', index!);
      const s = dy!.shape;
      const out = ctx.empty([...s.slice(0, axis), size, ...s.slice(axis + index!.shape.length)], dy!.dtype);
      ctx.backend.kernels.takeGrad(dy!, index!, out, axis);
      return out;
    },
    backward(ddy, { inputs, attrs }) {
      return [ENGINE.run('take', [ddy, inputs[1]!], { axis: attrs.axis }), null];
    },
  },
  gather: {
    forward([x, index], { axis }, ctx) {
      assertIndex('gather', index!);
      const xs = x!.shape;
      const is = index!.shape;
      if (xs.length !== is.length || is.some((d, i) => i !== axis && d > xs[i]!)) {
        throw new Error(
          `gather: index shape ${fmtShape(is)} does not fit input shape ${fmtShape(xs)} along dim ${axis} ` +
            '(same rank, and no larger in the other dims).',
        );
      }
      const out = ctx.empty(is, x!.dtype);
      ctx.backend.kernels.gather(x!, index!, out, axis);
      return out;
    },
    backward(dy, { inputs, attrs }) {
      const [x, index] = inputs as [Tensor, Tensor];
      return [ENGINE.run('gatherGrad', [dy, index], { axis: attrs.axis, shape: x.shape }), null];
    },
  },
  gatherGrad: {
    forward([dy, index], { axis, shape }, ctx) {
      const out = ctx.empty(shape, dy!.dtype);
      ctx.backend.kernels.gatherGrad(dy!, index!, out, axis);
      return out;
    },
    backward(ddy, { inputs, attrs }) {
      return [ENGINE.run('gather', [ddy, inputs[1]!], { axis: attrs.axis }), null];
    },
  },
  where: {
    forward([cond, a, b], _attrs, ctx) {
      const shape = broadcastShapes('where', broadcastShapes('where', cond!.shape, a!.shape), b!.shape);
      const out = ctx.empty(shape, promoteTypes(a!.dtype, b!.dtype));
      ctx.backend.kernels.where(cond!, a!, b!, out);
      return out;
    },
    backward(dy, { inputs, needsGrad }) {
      const cond = inputs[0]!;
      const zero = ENGINE.scalar(0, dy.dtype, dy.backend);
      return [
        null,
        needsGrad[1] ? ENGINE.run('where', [cond, dy, zero], {}) : null,
        needsGrad[2] ? ENGINE.run('where', [cond, zero, dy], {}) : null,
      ];
    },
  },
  oneHot: {
    forward([index], { depth, dtype }, ctx) {
      assertIndex('oneHot', index!);
      const out = ctx.empty([...index!.shape, depth], dtype);
      ctx.backend.kernels.oneHot(index!, out);
      return out;
    },
    backward: null,
  },
};
