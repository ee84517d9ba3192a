/**
 * `@makemore/tensor`: tensors with reverse-mode autograd, a pooled CPU backend behind a small
 * {@link Backend} interface, and a seedable {@link Generator}.
 *
 * @packageDocumentation
 */
export type {
  AdamWScalars,
  Backend,
  BackendMemory,
  BinaryFn,
  BinaryFnName,
  DataId,
  ElementwiseFn,
  Kernels,
  LstmKernels,
  Reduction,
  RunningStats,
  TensorInfo,
  UnaryFn,
  UnaryFnName,
} from './backend.js';
export { CodedError } from './coded-error.js';
export { CpuBackend, type CpuBackendOptions } from './cpu/backend.js';
export {
  arange,
  type CreateOptions,
  full,
  ones,
  onesLike,
  type TensorOptions,
  tensor,
  zeros,
  zerosLike,
} from './creation.js';
export { type DType, isFloat, type TypedArray } from './dtype.js';
export type { GraphNode, MemoryInfo, TidyResult } from './engine.js';
export {
  type BatchNormOptions,
  batchNorm,
  type CrossEntropyOptions,
  cat,
  causalAttention,
  crossEntropy,
  type LayerNormOptions,
  layerNorm,
  logSoftmax,
  matmul,
  oneHot,
  softmax,
  stack,
  tril,
  triu,
  where,
} from './functional.js';
export { adamwUpdate_ } from './fused.js';
export { type LstmCellResult, lstmCell } from './lstm-cell.js';
export type { CausalAttentionAttrs } from './ops/attention.js';
export type {
  GatherAttrs,
  GatherGradAttrs,
  OneHotAttrs,
  TakeAttrs,
  TakeGradAttrs,
} from './ops/indexing.js';
export type {
  CastAttrs,
  ConcatAttrs,
  ExpandAttrs,
  PermuteAttrs,
  ReshapeAttrs,
  SliceAttrs,
  UnsliceAttrs,
} from './ops/layout.js';
export type { CrossEntropyAttrs } from './ops/loss.js';
export type { MatmulAttrs } from './ops/matmul.js';
export type { BatchNormAttrs, LayerNormAttrs } from './ops/norm.js';
export type { ArgmaxAttrs, ReduceAttrs } from './ops/reduce.js';
export {
  type BinaryOpName,
  OP_NAMES,
  OPS,
  type OpAttrs,
  type OpName,
  type OpTable,
  type UnaryOpName,
} from './ops/registry.js';
export type { BackwardContext, BackwardRule, ForwardContext, NoAttrs, OpDef } from './ops/types.js';
export { OpProfile, type OpProfileRow, type ProfilePhase } from './profile.js';
export { Generator, type GeneratorState, type MultinomialOptions } from './random.js';
export { multinomial, type RandomOptions, rand, randint, randn, randperm } from './random-creation.js';
export {
  dispose,
  getDefaultBackend,
  isGradEnabled,
  keep,
  memory,
  noGrad,
  profileOps,
  setDefaultBackend,
  tidy,
  zeroGrad,
} from './scope.js';
export { aroundAxis, type Shape, sizeOf, stridesOf } from './shape.js';
export { type NestedArray, type ShapeArgs, Storage, Tensor } from './tensor.js';
