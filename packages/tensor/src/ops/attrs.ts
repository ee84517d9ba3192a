import type { CausalAttentionAttrs } from './attention.js';
import type { GatherAttrs, GatherGradAttrs, OneHotAttrs, TakeAttrs, TakeGradAttrs } from './indexing.js';
import type {
  CastAttrs,
  ConcatAttrs,
  ExpandAttrs,
  PermuteAttrs,
  ReshapeAttrs,
  SliceAttrs,
  UnsliceAttrs,
} from './layout.js';
import type { CrossEntropyAttrs } from './loss.js';
import type { MatmulAttrs } from './matmul.js';
import type { BatchNormAttrs, LayerNormAttrs } from './norm.js';
import type { ArgmaxAttrs, ReduceAttrs } from './reduce.js';
import type { NoAttrs } from './types.js';

/** Names of the unary elementwise ops. */
export type UnaryOpName =
  | 'neg'
  | 'exp'
  | 'log'
  | 'sqrt'
  | 'tanh'
  | 'sigmoid'
  | 'relu'
  | 'gelu'
  | 'abs'
  | 'sign';

/** Names of the binary elementwise ops (all broadcast). */
export type BinaryOpName =
  | 'add'
  | 'sub'
  | 'mul'
  | 'div'
  | 'pow'
  | 'eq'
  | 'ne'
  | 'gt'
  | 'ge'
  | 'lt'
  | 'le'
  | 'tanhGrad'
  | 'sigmoidGrad'
  | 'reluGrad'
  | 'geluGrad';

/**
 * Every primitive op and the attributes it takes. This interface is the list of ops: the op table
 * (`OpTable`) and the gradcheck domains are total maps over its keys, so adding a name here
 * without a definition, or a definition without a test domain, does not compile.
 */
export interface OpAttrs {
  /** `-x`. */
  neg: NoAttrs;
  /** `e^x`. */
  exp: NoAttrs;
  /** Natural log. */
  log: NoAttrs;
  /** Square root. */
  sqrt: NoAttrs;
  /** Hyperbolic tangent. */
  tanh: NoAttrs;
  /** Logistic sigmoid. */
  sigmoid: NoAttrs;
  /** `max(x, 0)`. */
  relu: NoAttrs;
  /** GELU, tanh approximation. */
  gelu: NoAttrs;
  /** Absolute value. */
  abs: NoAttrs;
  /** Sign (no gradient). */
  sign: NoAttrs;
  /** `a + b`, broadcasting. */
  add: NoAttrs;
  /** `a - b`, broadcasting. */
  sub: NoAttrs;
  /** `a * b`, broadcasting. */
  mul: NoAttrs;
  /** `a / b`, broadcasting. */
  div: NoAttrs;
  /** `a ** b`, broadcasting. */
  pow: NoAttrs;
  /** `a == b` as 1/0 (no gradient). */
  eq: NoAttrs;
  /** `a != b` as 1/0 (no gradient). */
  ne: NoAttrs;
  /** `a > b` as 1/0 (no gradient). */
  gt: NoAttrs;
  /** `a >= b` as 1/0 (no gradient). */
  ge: NoAttrs;
  /** `a < b` as 1/0 (no gradient). */
  lt: NoAttrs;
  /** `a <= b` as 1/0 (no gradient). */
  le: NoAttrs;
  /** Fused `dy * (1 - y²)` for the tanh rule (no gradient). */
  tanhGrad: NoAttrs;
  /** Fused `dy * y * (1 - y)` for the sigmoid rule (no gradient). */
  sigmoidGrad: NoAttrs;
  /** Fused `x > 0 ? dy : 0` for the relu rule (no gradient). */
  reluGrad: NoAttrs;
  /** Fused `dy * gelu'(x)` for the gelu rule (no gradient). */
  geluGrad: NoAttrs;
  /** Sum over axes. */
  sum: ReduceAttrs;
  /** Maximum over axes (ties share the gradient). */
  max: ReduceAttrs;
  /** Index of the maximum (no gradient). */
  argmax: ArgmaxAttrs;
  /** New shape, sharing the buffer. */
  reshape: ReshapeAttrs;
  /** Axis reorder. */
  permute: PermuteAttrs;
  /** Broadcast copy. */
  expand: ExpandAttrs;
  /** Strided slice. */
  slice: SliceAttrs;
  /** Adjoint of slice: zeros with the slice written in. */
  unslice: UnsliceAttrs;
  /** Join along an axis. */
  concat: ConcatAttrs;
  /** dtype conversion. */
  cast: CastAttrs;
  /** Copy into a new buffer. */
  copy: NoAttrs;
  /** Gather slices by int32 indices (`C[X]`). */
  take: TakeAttrs;
  /** Scatter-add adjoint of take. */
  takeGrad: TakeGradAttrs;
  /** PyTorch `gather`. */
  gather: GatherAttrs;
  /** Scatter-add adjoint of gather. */
  gatherGrad: GatherGradAttrs;
  /** `cond ? a : b`, broadcasting. */
  where: NoAttrs;
  /** One-hot encoding (no gradient). */
  oneHot: OneHotAttrs;
  /** (Batched) matrix product, optionally with transposed storage. */
  matmul: MatmulAttrs;
  /** Fused softmax cross-entropy. */
  crossEntropy: CrossEntropyAttrs;
  /** Its gradient kernel (no gradient). */
  crossEntropyBackward: CrossEntropyAttrs;
  /** Fused normalisation over the last axis (layer norm without its affine part). */
  layerNorm: LayerNormAttrs;
  /** Its gradient kernel (no gradient). */
  layerNormBackward: NoAttrs;
  /** Fused batch normalisation over every axis but the last (training mode, no affine part). */
  batchNorm: BatchNormAttrs;
  /** Its gradient kernel (no gradient). */
  batchNormBackward: NoAttrs;
  /** Fused causal self-attention from the joint query/key/value projection. */
  causalAttention: CausalAttentionAttrs;
  /** Its gradient kernel (no gradient). */
  causalAttentionBackward: CausalAttentionAttrs;
}

/** Name of a primitive op. */
export type OpName = keyof OpAttrs;
