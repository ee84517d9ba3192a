import type { CausalAttentionAttrs } from './attention.js';
import type { BinaryOpName, UnaryOpName } from './elementwise.js';
import type { GatherAttrs, GatherGradAttrs, OneHotAttrs, TakeAttrs, TakeGradAttrs } from './indexing.js';
import type * as layout from './layout.js';
import type { CrossEntropyAttrs } from './loss.js';
import type { MatmulAttrs } from './matmul.js';
import type { BatchNormAttrs, LayerNormAttrs } from './norm.js';
import type { ArgmaxAttrs, ReduceAttrs } from './reduce.js';
import type { NoAttrs } from './types.js';

export type { BinaryOpName, UnaryOpName } from './elementwise.js';

/**
 * Every primitive op and the attributes it takes (the elementwise ops, which take none, are listed
 * by their table in `elementwise.ts`). This interface is the list of ops: the op table
 * (`OpTable`) and the gradcheck domains are total maps over its keys, so adding a name here
 * without a definition, or a definition without a test domain, does not compile.
 */
export interface OpAttrs extends Record<UnaryOpName | BinaryOpName, NoAttrs> {
  /** Sum over axes. */
  sum: ReduceAttrs;
  /** Maximum over axes (ties share the gradient). */
  max: ReduceAttrs;
  /** Index of the maximum (no gradient). */
  argmax: ArgmaxAttrs;
  /** New shape, sharing the buffer. */
  reshape: layout.ReshapeAttrs;
  /** Axis reorder. */
  permute: layout.PermuteAttrs;
  /** Broadcast copy. */
  expand: layout.ExpandAttrs;
  /** Strided slice. */
  slice: layout.SliceAttrs;
  /** Adjoint of slice: zeros with the slice written in. */
  unslice: layout.UnsliceAttrs;
  /** Join along an axis. */
  concat: layout.ConcatAttrs;
  /** dtype conversion. */
  cast: layout.CastAttrs;
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
  /** Fused LSTM cell state `σ(f) ⊙ c + σ(i) ⊙ tanh(g)` from the gates (i, f, g, o) and `c`. */
  lstmCellState: NoAttrs;
  /** Fused LSTM hidden state `σ(o) ⊙ tanh(c')` from the gates and the new cell state. */
  lstmCellOutput: NoAttrs;
}

/** Name of a primitive op. */
export type OpName = keyof OpAttrs;
