import type { DType, TypedArray } from './dtype.js';
import type { BinaryOpName, UnaryOpName } from './ops/elementwise.js';
import type { Shape } from './shape.js';

/**
 * Opaque handle to a buffer that a {@link Backend} owns (a typed array on the CPU, a texture or a
 * wasm-memory region elsewhere). Only the backend that created it may look inside.
 */
export type DataId = object;

/** What a kernel knows about one operand: its buffer, shape and dtype (always dense, row-major). */
export interface TensorInfo {
  /** The backend buffer holding `size(shape)` elements. */
  readonly dataId: DataId;
  /** Shape of the operand. */
  readonly shape: Shape;
  /** Element type of the operand. */
  readonly dtype: DType;
}

/**
 * Names of the elementwise unary functions the ops layer asks kernels for: the unary ops' and
 * `copy`. The op table in `ops/elementwise.ts` is where they are written.
 */
export type UnaryFnName = UnaryOpName | 'copy';

/** Names of the elementwise binary functions the ops layer asks kernels for: the binary ops'. */
export type BinaryFnName = BinaryOpName;

/**
 * An elementwise function as the ops layer defines it: a name a backend can specialise on and a
 * scalar reference implementation that any backend may fall back to.
 */
export interface ElementwiseFn<N extends string, F> {
  /** Kernel name; backends may provide a hand-tuned loop for it. */
  readonly name: N;
  /** Scalar definition, the single source of truth for the function's values. */
  readonly fn: F;
}

/** A unary elementwise function. */
export type UnaryFn = ElementwiseFn<UnaryFnName, (x: number) => number>;
/** A binary elementwise function. */
export type BinaryFn = ElementwiseFn<BinaryFnName, (a: number, b: number) => number>;

/** Running statistics that {@link Kernels.batchNorm} updates in place. */
export interface RunningStats {
  /** Running mean `[C]`. */
  mean: TensorInfo;
  /** Running (unbiased) variance `[C]`. */
  var: TensorInfo;
  /** Weight of the batch's statistics in the update. */
  momentum: number;
}

/** The scalars of one AdamW update (see {@link Kernels.adamw}). */
export interface AdamWScalars {
  /** `1 − lr · weightDecay`. */
  decay: number;
  /** β1. */
  beta1: number;
  /** β2. */
  beta2: number;
  /** `lr / (1 − β1^t)`. */
  stepSize: number;
  /** `√(1 − β2^t)`. */
  bc2Sqrt: number;
  /** Added to the denominator. */
  eps: number;
}

/**
 * The optional fused LSTM cell kernels (see {@link Kernels.lstm}). `gates` is `[B, 4H]`, the four
 * gates' pre-activations side by side in PyTorch's i, f, g, o order; every state is `[B, H]`.
 */
export interface LstmKernels {
  /** The new cell state `out = σ(f) ⊙ c + σ(i) ⊙ tanh(g)`. */
  cellState(gates: TensorInfo, c: TensorInfo, out: TensorInfo): void;
  /**
   * Gradient of {@link LstmKernels.cellState} from `dcNext` (∂L/∂c'): writes ∂L/∂gates into `dGates`
   * (zero in the o columns, which it does not read) and, unless `dc` is null, `dcNext ⊙ σ(f)` into it.
   */
  cellStateGrad(
    gates: TensorInfo,
    c: TensorInfo,
    dcNext: TensorInfo,
    dGates: TensorInfo,
    dc: TensorInfo | null,
  ): void;
  /** The hidden state `out = σ(o) ⊙ tanh(cNext)`. */
  cellOutput(gates: TensorInfo, cNext: TensorInfo, out: TensorInfo): void;
  /**
   * Gradient of {@link LstmKernels.cellOutput} from `dh`: writes ∂L/∂gates into `dGates` (zero in the
   * i, f and g columns) and ∂L/∂cNext into `dcNext`.
   */
  cellOutputGrad(
    gates: TensorInfo,
    cNext: TensorInfo,
    dh: TensorInfo,
    dGates: TensorInfo,
    dcNext: TensorInfo,
  ): void;
}

/** How the cross-entropy kernels reduce over rows. */
export type Reduction = 'mean' | 'sum' | 'none';

/**
 * The kernels every backend implements. This interface is the whole contract between the ops layer
 * and a backend: because it is an interface of required methods, a backend that lacks a kernel does
 * not compile. Outputs are allocated by the engine and passed in as `out`; a kernel writes every
 * element of `out` (none may assume it is zeroed) and must tolerate `out` aliasing an input only where
 * noted.
 */
export interface Kernels {
  /** `out[i] = f(x[i])`. `out` may alias `x`. */
  unary(x: TensorInfo, out: TensorInfo, f: UnaryFn): void;
  /** `out = f(a, b)` with NumPy broadcasting of `a` and `b` to `out.shape`. `out` may alias `a`. */
  binary(a: TensorInfo, b: TensorInfo, out: TensorInfo, f: BinaryFn): void;
  /** `out = a + alpha * b` for same-shape operands (optimizer and gradient accumulation). `out` may alias `a`. */
  axpy(a: TensorInfo, b: TensorInfo, alpha: number, out: TensorInfo): void;
  /** Sets every element of `out` to `value`. */
  fill(out: TensorInfo, value: number): void;
  /** Copies `x` into `out`, converting to `out.dtype` (float to int truncates toward zero). */
  cast(x: TensorInfo, out: TensorInfo): void;
  /**
   * Batched matrix product. `a` is `[Ba, M, K]` (`[Ba, K, M]` when `transA`), `b` is `[Bb, K, N]`
   * (`[Bb, N, K]` when `transB`), `out` is `[B, M, N]`; `Ba` and `Bb` are `B` or 1 (broadcast).
   */
  matmul(a: TensorInfo, b: TensorInfo, out: TensorInfo, transA: boolean, transB: boolean): void;
  /** Sum or max of `x` over `axes` (sorted); `out` holds the remaining axes in order. */
  reduce(x: TensorInfo, out: TensorInfo, op: 'sum' | 'max', axes: readonly number[]): void;
  /** Index of the maximum along `axis` (first one on ties) into an int32 `out`. */
  argmax(x: TensorInfo, out: TensorInfo, axis: number): void;
  /** `out` is `x` with axes reordered: `out.shape[i] = x.shape[perm[i]]`. */
  permute(x: TensorInfo, out: TensorInfo, perm: readonly number[]): void;
  /** Broadcasts `x` to `out.shape` (NumPy rules), copying. */
  broadcastTo(x: TensorInfo, out: TensorInfo): void;
  /** `out[i...] = x[begin + i * step ...]` per axis; `out.shape` gives the counts. */
  slice(x: TensorInfo, out: TensorInfo, begin: readonly number[], step: readonly number[]): void;
  /** The adjoint of {@link Kernels.slice}: zeros, then `out[begin + i * step] = dy[i]`. */
  sliceGrad(dy: TensorInfo, out: TensorInfo, begin: readonly number[], step: readonly number[]): void;
  /** Concatenates `xs` along `axis` into `out`. */
  concat(xs: readonly TensorInfo[], out: TensorInfo, axis: number): void;
  /**
   * Gathers along `axis` with an int32 index tensor (the lecture's `C[X]`):
   * `out.shape = x.shape[:axis] + index.shape + x.shape[axis+1:]`. Throws on an out-of-range index.
   */
  take(x: TensorInfo, index: TensorInfo, out: TensorInfo, axis: number): void;
  /** The adjoint of {@link Kernels.take}: zeros `out`, then scatter-adds `dy` at the indices. */
  takeGrad(dy: TensorInfo, index: TensorInfo, out: TensorInfo, axis: number): void;
  /** PyTorch `gather`: `out[..i..] = x[.. index[..i..] ..]` along `axis`; `out.shape = index.shape`. */
  gather(x: TensorInfo, index: TensorInfo, out: TensorInfo, axis: number): void;
  /** The adjoint of {@link Kernels.gather}: zeros `out` (x's shape), then scatter-adds `dy`. */
  gatherGrad(dy: TensorInfo, index: TensorInfo, out: TensorInfo, axis: number): void;
  /** `out = cond != 0 ? a : b`, all three broadcast to `out.shape`. */
  where(cond: TensorInfo, a: TensorInfo, b: TensorInfo, out: TensorInfo): void;
  /** One-hot encodes int32 `index` into `out` of shape `index.shape + [depth]`. */
  oneHot(index: TensorInfo, out: TensorInfo): void;
  /**
   * Fused, numerically stable softmax cross-entropy over the last axis of `logits` `[N, C]` with int32
   * `targets` `[N]`. Writes row probabilities to `probs` (kept for the gradient) and the loss to `loss`
   * (`[]` for mean/sum, `[N]` for none). Rows whose target equals `ignoreIndex` contribute nothing;
   * `mean` divides by the number of other rows.
   */
  crossEntropy(
    logits: TensorInfo,
    targets: TensorInfo,
    probs: TensorInfo,
    loss: TensorInfo,
    ignoreIndex: number,
    reduction: Reduction,
  ): void;
  /**
   * Layer normalisation without the affine part, over the last axis of `x` `[..., C]`: writes
   * `(x − mean) / √(var + eps)` (biased variance, as PyTorch) to `out` and `1 / √(var + eps)` of each
   * row to `rstd` (shape `x.shape[:-1]`), which the gradient needs.
   */
  layerNorm(x: TensorInfo, out: TensorInfo, rstd: TensorInfo, eps: number): void;
  /**
   * Gradient of {@link Kernels.layerNorm} from its output `xhat` and `rstd`: per row,
   * `out = rstd · (dy − mean(dy) − xhat · mean(dy · xhat))`.
   */
  layerNormGrad(xhat: TensorInfo, rstd: TensorInfo, dy: TensorInfo, out: TensorInfo): void;
  /**
   * Optional fused AdamW update, in place and without temporaries, for same-shape `p`, `g`, `m`, `v`:
   * `p ·= decay; m = β1·m + (1−β1)·g; v = β2·v + (1−β2)·g²; p −= stepSize · m / (√v / bc2Sqrt + eps)`.
   * A backend without it gets the same update composed from the other kernels (see `adamwUpdate_`).
   */
  adamw?(p: TensorInfo, g: TensorInfo, m: TensorInfo, v: TensorInfo, scalars: AdamWScalars): void;
  /**
   * Optional fused LSTM cell arithmetic: the new cell and hidden states from the gates in one kernel
   * each, and their gradients in one kernel each. A backend without them gets the cell composed from
   * slices and elementwise ops (see `lstmCell`).
   */
  lstm?: LstmKernels;
  /**
   * Batch normalisation in training mode, without the affine part, over every axis of `x` but the
   * last: viewing `x` as `[N, C]`, writes `(x − mean) / √(var + eps)` per column to `out`, with the
   * unbiased variance (divisor `max(1, N − 1)`, as the lectures' BatchNorm1d), and `1 / √(var + eps)`
   * of each column to `rstd` `[C]`. When `running` is given, also updates its `mean` and `var` `[C]`
   * in place: `running = (1 − momentum) · running + momentum · batch`.
   */
  batchNorm(
    x: TensorInfo,
    out: TensorInfo,
    rstd: TensorInfo,
    eps: number,
    running: RunningStats | null,
  ): void;
  /**
   * Gradient of {@link Kernels.batchNorm} from its output `xhat` and `rstd`: per column,
   * `out = rstd · (dy − mean(dy) − xhat · Σ(dy · xhat) / max(1, N − 1))`.
   */
  batchNormGrad(xhat: TensorInfo, rstd: TensorInfo, dy: TensorInfo, out: TensorInfo): void;
  /**
   * Causal self-attention from the fused projection `qkv` `[B, T, 3C]` (queries, keys, values side
   * by side; head h uses columns `h·hs .. (h+1)·hs` of each, `hs = C / nHead`): for every batch, head
   * and query t, `P[t, s] = softmax_s≤t(q_t · k_s / √hs)` into `probs` `[B, nHead, T, T]` (zero for
   * s > t) and `y_t = Σ_s P[t, s] v_s` into `out` `[B, T, C]`.
   */
  causalAttention(qkv: TensorInfo, out: TensorInfo, probs: TensorInfo, nHead: number): void;
  /** Gradient of {@link Kernels.causalAttention} with respect to `qkv`, from `probs` and `dy`, into `out` `[B, T, 3C]`. */
  causalAttentionGrad(
    qkv: TensorInfo,
    probs: TensorInfo,
    dy: TensorInfo,
    out: TensorInfo,
    nHead: number,
  ): void;
  /** Gradient of {@link Kernels.crossEntropy} with respect to the logits, scaled by `dy`. */
  crossEntropyGrad(
    probs: TensorInfo,
    targets: TensorInfo,
    dy: TensorInfo,
    out: TensorInfo,
    ignoreIndex: number,
    reduction: Reduction,
  ): void;
}

/** Memory figures a backend reports. */
export interface BackendMemory {
  /** Buffers handed out and not yet released. */
  numBuffers: number;
  /** Bytes in those buffers. */
  numBytes: number;
  /** Typed arrays (or device buffers) the backend has ever created: flat in steady state when pooling works. */
  numAllocations: number;
  /** Released buffers kept for reuse. */
  numPooled: number;
}

/**
 * A place where tensor data lives and kernels run. The CPU backend is the reference implementation;
 * other backends (gpu.js, wasm) implement the same interface so that ops never change.
 *
 * Life cycle of a buffer: `alloc` → kernels write it → `read`/`readSync` copy it out → `release`.
 */
export interface Backend {
  /** Short name shown in errors and `toString`, e.g. `'cpu'`. */
  readonly name: string;
  /** The kernels, addressed by name. */
  readonly kernels: Kernels;
  /** Allocates an uninitialised buffer of `size` elements of `dtype`. */
  alloc(size: number, dtype: DType): DataId;
  /** Copies `values` (converted to the buffer's dtype) into the buffer. */
  write(id: DataId, values: ArrayLike<number>): void;
  /** Copies the buffer out asynchronously (WebGPU-style readback). */
  read(id: DataId): Promise<TypedArray>;
  /** Copies the buffer out synchronously, or `undefined` when the backend cannot. */
  readSync(id: DataId): TypedArray | undefined;
  /** Gives the buffer back; the id must not be used again. */
  release(id: DataId): void;
  /** Current memory figures. */
  memory(): BackendMemory;
}
