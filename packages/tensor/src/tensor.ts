import type { Backend, DataId, TensorInfo } from './backend.js';
import { type DType, isFloat, type TypedArray } from './dtype.js';
import { ENGINE, type GraphNode } from './engine.js';
import { formatTensor } from './format.js';
import type { BinaryOpName, OpName, UnaryOpName } from './ops/attrs.js';
import { BINARY_FNS, UNARY_FNS } from './ops/elementwise.js';
import { fmtShape, normAxes, normAxis, type Shape, sizeOf } from './shape.js';

/** A backend buffer shared by a tensor and its views, freed when the last one goes. */
export class Storage {
  /** Tensors (views) using this buffer. */
  refs = 1;
  constructor(
    /** Backend that owns the buffer. */
    readonly backend: Backend,
    /** The buffer. */
    readonly dataId: DataId,
    /** Element type. */
    readonly dtype: DType,
  ) {}
}

/** A shape given either as one array or as separate numbers (`reshape([2, 3])` or `reshape(2, 3)`). */
export type ShapeArgs = [readonly number[]] | number[];

function shapeArg(args: ShapeArgs): number[] {
  return Array.isArray(args[0]) ? [...(args[0] as readonly number[])] : (args as number[]);
}

/** Nested arrays of numbers as returned by {@link Tensor.tolist}. */
export type NestedArray = number | NestedArray[];

/**
 * A method per unary op: `Tensor` implements this, so an op added to the table in
 * `ops/elementwise.ts` does not compile until it has its method.
 */
type UnaryMethods = { readonly [N in UnaryOpName]: () => Tensor };

/** The binary ops that are Tensor methods taking a tensor or a number (the gradient helpers are not). */
type BinaryMethodName = Exclude<BinaryOpName, `${string}Grad`>;

/** Gradient-mode guard shared by the in-place methods. */
function assertInPlaceAllowed(op: string, t: Tensor): void {
  if (t.isDisposed) throw new Error(`${op}: the tensor was disposed.`);
  if (ENGINE.gradEnabled && t.requiresGrad) {
    throw new Error(
      `${op}: a tensor that requires grad cannot be modified in place while grad mode is on; ` +
        'wrap the update in noGrad(() => ...).',
    );
  }
}

/**
 * An n-dimensional array with reverse-mode autograd, in PyTorch's words: `x.matmul(w)`, `x.tanh()`,
 * `loss.backward()`, `p.grad`. Data lives in a backend-owned buffer; free it with {@link Tensor.dispose}
 * or a {@link tidy} scope.
 *
 * @example
 * ```ts
 * const x = tensor([[1, 2], [3, 4]], { requiresGrad: true });
 * const y = x.mul(x).sum();
 * y.backward();
 * x.grad!.tolist(); // [[2, 4], [6, 8]]
 * ```
 */
export class Tensor implements TensorInfo, UnaryMethods {
  /** Whether gradients flow into this tensor. Only floating-point tensors can require grad. */
  private _requiresGrad = false;
  /** Gradient accumulated by `backward()` (leaves only), or null. */
  grad: Tensor | null = null;
  /** @internal The op that produced this tensor, while a graph is recorded. */
  node: GraphNode | null = null;
  /** @internal Handle plus graph references. */
  refs = 1;
  /** True once `dispose()` was called (or a tidy scope released it). */
  isDisposed = false;
  /** @internal True once the storage reference was dropped. */
  isFreed = false;
  /** @internal Survives tidy scopes (see {@link keep}). */
  isKept = false;

  /** @internal Use the creation functions (`tensor`, `zeros`, ...) instead. */
  constructor(
    /** Sizes of the axes. */
    readonly shape: Shape,
    /** Element type. */
    readonly dtype: DType,
    /** @internal The buffer (shared with views). */
    readonly storage: Storage,
    /** Unique id, for debugging. */
    readonly id: number,
  ) {}

  /** The backend buffer (for kernels). */
  get dataId(): DataId {
    return this.storage.dataId;
  }

  /** The backend this tensor's data lives on. */
  get backend(): Backend {
    return this.storage.backend;
  }

  /** Number of elements (PyTorch's `numel()`). */
  numel(): number {
    return sizeOf(this.shape);
  }

  /** The shape as a new array, as PyTorch's `size()`; `size(dim)` is the length of one axis (negative counts from the end). */
  size(): number[];
  size(dim: number): number;
  size(dim?: number): number[] | number {
    if (dim === undefined) return [...this.shape];
    return this.shape[normAxis('size', dim, this.ndim)]!;
  }

  /** Number of axes. */
  get ndim(): number {
    return this.shape.length;
  }

  /** Whether gradients are computed for this tensor. Setting it on an int32 tensor throws. */
  get requiresGrad(): boolean {
    return this._requiresGrad;
  }

  /** Marks a leaf as requiring grad (or not). */
  set requiresGrad(v: boolean) {
    if (v && !isFloat(this.dtype)) {
      throw new Error(`requiresGrad: only floating point tensors can require gradients, got ${this.dtype}.`);
    }
    if (!v && this.node)
      throw new Error('requiresGrad: cannot turn off gradients of a non-leaf tensor; use detach().');
    this._requiresGrad = v;
  }

  /** Sets `requiresGrad` and returns this tensor (PyTorch's `requires_grad_`). */
  requiresGrad_(v = true): this {
    this.requiresGrad = v;
    return this;
  }

  /** True for tensors not produced by a recorded op (parameters, inputs). */
  get isLeaf(): boolean {
    return this.node === null;
  }

  /** Name of the op that produced this tensor, or null for a leaf. */
  get gradFn(): OpName | null {
    return this.node?.op ?? null;
  }

  // ---------------------------------------------------------------- read-out

  /** Copies the data out, asynchronously (works on every backend). */
  async data(): Promise<TypedArray> {
    this.assertAlive('data');
    return this.storage.backend.read(this.dataId);
  }

  /**
   * Copies the data out synchronously, or answers `undefined` on a backend that reads back only
   * asynchronously (gpu.js's webgpu mode), for code that takes the fast path where it can and
   * awaits {@link Tensor.data} where it must.
   */
  tryDataSync(): TypedArray | undefined {
    this.assertAlive('tryDataSync');
    return this.storage.backend.readSync(this.dataId);
  }

  /** Copies the data out synchronously; throws on a backend that cannot. */
  dataSync(): TypedArray {
    this.assertAlive('dataSync');
    const v = this.storage.backend.readSync(this.dataId);
    if (!v)
      throw new Error(
        `dataSync: the ${this.backend.name} backend cannot read synchronously; use await data().`,
      );
    return v;
  }

  /** The value of a single-element tensor as a number. */
  item(): number {
    if (this.numel() !== 1) {
      throw new Error(
        `item: only a tensor with one element can be converted to a number, got shape ${fmtShape(this.shape)}.`,
      );
    }
    return this.dataSync()[0]!;
  }

  /** The data as nested arrays (a number for a scalar). */
  tolist(): NestedArray {
    const v = this.dataSync();
    const shape = this.shape;
    const build = (axis: number, offset: number): NestedArray => {
      if (axis === shape.length) return v[offset]!;
      const inner = sizeOf(shape.slice(axis + 1));
      const out: NestedArray[] = [];
      for (let i = 0; i < shape[axis]!; i++) out.push(build(axis + 1, offset + i * inner));
      return out;
    };
    return build(0, 0);
  }

  /** PyTorch-style text, e.g. `tensor([[1.0000, 2.5000]], requires_grad=True)`. */
  toString(): string {
    if (this.isFreed) return `tensor(<disposed>, shape=${fmtShape(this.shape)})`;
    const v = this.storage.backend.readSync(this.dataId);
    if (!v) return `tensor(<on ${this.backend.name}; await data()>, shape=${fmtShape(this.shape)})`;
    const extras: string[] = [];
    if (this.backend !== ENGINE.defaultBackend) extras.push(`device='${this.backend.name}'`);
    if (this.dtype !== 'float32') extras.push(`dtype=${this.dtype}`);
    if (this.node) extras.push(`grad_fn=<${this.node.op[0]!.toUpperCase()}${this.node.op.slice(1)}Backward>`);
    else if (this.requiresGrad) extras.push('requires_grad=True');
    return formatTensor(v, this.shape, this.dtype, extras);
  }

  /** Shown by Node's `console.log`. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }

  // ---------------------------------------------------------------- memory and autograd

  /** Releases this tensor's buffer (once no recorded graph still needs it). Idempotent. */
  dispose(): void {
    ENGINE.dispose(this);
  }

  /**
   * Computes gradients of this tensor with respect to every leaf that requires grad, adding them to
   * each leaf's `.grad`. A non-scalar tensor needs `gradient` (same shape).
   */
  backward(gradient?: Tensor): void {
    ENGINE.backward(this, gradient);
  }

  /** Drops the accumulated gradient (`.grad` becomes null, its buffer is released). */
  zeroGrad(): void {
    if (this.grad) {
      const g = this.grad;
      this.grad = null;
      g.dispose();
    }
  }

  /** A tensor sharing this one's data but cut from the graph (no gradient flows through it). */
  detach(): Tensor {
    this.assertAlive('detach');
    return ENGINE.makeTensor(this.shape, this.dtype, this.backend, this.storage);
  }

  /**
   * This tensor's data on another backend (a copy, cut from the graph), or this tensor when it is
   * already there. Reads synchronously, so the source backend must support `dataSync`.
   */
  to(device: Backend): Tensor {
    if (device === this.backend) return this;
    const values = this.dataSync();
    const t = ENGINE.makeTensor(this.shape, this.dtype, device);
    device.write(t.dataId, values);
    return t;
  }

  /** A copy with its own buffer; gradients flow through it. */
  clone(): Tensor {
    return ENGINE.run('copy', [this], {});
  }

  /** @internal Throws if the tensor was disposed. */
  assertAlive(op: string): void {
    if (this.isDisposed || this.isFreed)
      throw new Error(`${op}: the tensor (shape ${fmtShape(this.shape)}) was disposed.`);
  }

  // ---------------------------------------------------------------- elementwise

  private bin(name: BinaryMethodName, other: Tensor | number): Tensor {
    if (typeof other !== 'number') return ENGINE.run(name, [this, other], {});
    const c = this.constant(other);
    const out = ENGINE.run(name, [this, c], {});
    c.dispose();
    return out;
  }

  /** @internal A 0-d constant matching this tensor's dtype (float32 for a fraction with an int tensor). */
  constant(value: number): Tensor {
    const dtype: DType = this.dtype === 'int32' && !Number.isInteger(value) ? 'float32' : this.dtype;
    return ENGINE.scalar(value, dtype, this.backend);
  }

  /** `this + other`, broadcasting. */
  add(other: Tensor | number): Tensor {
    return this.bin('add', other);
  }
  /** `this - other`, broadcasting. */
  sub(other: Tensor | number): Tensor {
    return this.bin('sub', other);
  }
  /** `this * other`, broadcasting. */
  mul(other: Tensor | number): Tensor {
    return this.bin('mul', other);
  }
  /** `this / other`, broadcasting (true division: int32 / int32 gives float32). */
  div(other: Tensor | number): Tensor {
    return this.bin('div', other);
  }
  /** `this ** exponent`, broadcasting. */
  pow(exponent: Tensor | number): Tensor {
    return this.bin('pow', exponent);
  }
  /** `this * this`. */
  square(): Tensor {
    return ENGINE.run('mul', [this, this], {});
  }
  /** `1` where `this == other`, else `0` (in the promoted dtype). */
  eq(other: Tensor | number): Tensor {
    return this.bin('eq', other);
  }
  /** `1` where `this != other`, else `0`. */
  ne(other: Tensor | number): Tensor {
    return this.bin('ne', other);
  }
  /** `1` where `this > other`, else `0`. */
  gt(other: Tensor | number): Tensor {
    return this.bin('gt', other);
  }
  /** `1` where `this >= other`, else `0`. */
  ge(other: Tensor | number): Tensor {
    return this.bin('ge', other);
  }
  /** `1` where `this < other`, else `0`. */
  lt(other: Tensor | number): Tensor {
    return this.bin('lt', other);
  }
  /** `1` where `this <= other`, else `0`. */
  le(other: Tensor | number): Tensor {
    return this.bin('le', other);
  }
  /** `-this`. */
  neg(): Tensor {
    return ENGINE.run('neg', [this], {});
  }
  /** `e ** this`. */
  exp(): Tensor {
    return ENGINE.run('exp', [this], {});
  }
  /** Natural logarithm. */
  log(): Tensor {
    return ENGINE.run('log', [this], {});
  }
  /** Square root. */
  sqrt(): Tensor {
    return ENGINE.run('sqrt', [this], {});
  }
  /** Hyperbolic tangent. */
  tanh(): Tensor {
    return ENGINE.run('tanh', [this], {});
  }
  /** Logistic sigmoid `1 / (1 + e^-x)`. */
  sigmoid(): Tensor {
    return ENGINE.run('sigmoid', [this], {});
  }
  /** `max(x, 0)`. */
  relu(): Tensor {
    return ENGINE.run('relu', [this], {});
  }
  /** GELU with the tanh approximation (PyTorch `approximate='tanh'`, as makemore uses). */
  gelu(): Tensor {
    return ENGINE.run('gelu', [this], {});
  }
  /** Sine, in radians (the sinusoidal position encodings of the Transformer paper use it). */
  sin(): Tensor {
    return ENGINE.run('sin', [this], {});
  }
  /** Cosine, in radians. */
  cos(): Tensor {
    return ENGINE.run('cos', [this], {});
  }
  /** Absolute value. */
  abs(): Tensor {
    return ENGINE.run('abs', [this], {});
  }
  /** -1, 0 or 1 by sign (no gradient). */
  sign(): Tensor {
    return ENGINE.run('sign', [this], {});
  }

  // ---------------------------------------------------------------- reductions

  /** Sum over `dim` (one axis, several, or all when omitted). */
  sum(dim?: number | readonly number[], keepdim = false): Tensor {
    return ENGINE.run('sum', [this], { axes: normAxes('sum', dim, this.ndim), keepdim });
  }

  /** Mean over `dim` (all axes when omitted). Integer tensors are averaged in float32. */
  mean(dim?: number | readonly number[], keepdim = false): Tensor {
    const axes = normAxes('mean', dim, this.ndim);
    let n = 1;
    for (const a of axes) n *= this.shape[a]!;
    const x = isFloat(this.dtype) ? this : this.cast('float32');
    const s = x.sum(axes, keepdim);
    const out = s.div(n);
    s.dispose();
    if (x !== this) x.dispose();
    return out;
  }

  /**
   * Variance over `dim`, with Bessel's correction by default (`correction = 1`, as `torch.var`);
   * pass `correction = 0` for the biased (population) variance.
   */
  var(dim?: number | readonly number[], keepdim = false, correction = 1): Tensor {
    const axes = normAxes('var', dim, this.ndim);
    let n = 1;
    for (const a of axes) n *= this.shape[a]!;
    return ENGINE.tidy(() => {
      const d = this.sub(this.mean(axes, true));
      return d
        .square()
        .sum(axes, keepdim)
        .div(Math.max(0, n - correction));
    });
  }

  /** Standard deviation: `sqrt(var(...))`. */
  std(dim?: number | readonly number[], keepdim = false, correction = 1): Tensor {
    return ENGINE.tidy(() => this.var(dim, keepdim, correction).sqrt());
  }

  /** Maximum over `dim` (values only; see {@link Tensor.argmax}). Ties share the gradient. */
  max(dim?: number | readonly number[], keepdim = false): Tensor {
    return ENGINE.run('max', [this], { axes: normAxes('max', dim, this.ndim), keepdim });
  }

  /** Minimum over `dim`. */
  min(dim?: number | readonly number[], keepdim = false): Tensor {
    return ENGINE.tidy(() => this.neg().max(dim, keepdim).neg());
  }

  /** Index of the maximum along `dim` (over the flattened tensor when omitted), as int32. */
  argmax(dim?: number, keepdim = false): Tensor {
    if (dim === undefined) {
      return ENGINE.tidy(() => ENGINE.run('argmax', [this.reshape(-1)], { axis: 0, keepdim: false }));
    }
    return ENGINE.run('argmax', [this], { axis: normAxis('argmax', dim, this.ndim), keepdim });
  }

  /** `log(sum(exp(x)))` over `dim`, computed stably. */
  logsumexp(dim: number | readonly number[], keepdim = false): Tensor {
    return ENGINE.tidy(() => {
      const m = this.max(dim, true).detach();
      const out = this.sub(m).exp().sum(dim, true).log().add(m);
      return keepdim ? out : out.squeeze(normAxes('logsumexp', dim, this.ndim));
    });
  }

  /** Softmax along `dim` (default last), max-shifted for stability. */
  softmax(dim = -1): Tensor {
    return ENGINE.tidy(() => {
      const e = this.sub(this.max(dim, true).detach()).exp();
      return e.div(e.sum(dim, true));
    });
  }

  /** Log-softmax along `dim` (default last), max-shifted for stability. */
  logSoftmax(dim = -1): Tensor {
    return ENGINE.tidy(() => {
      const s = this.sub(this.max(dim, true).detach());
      return s.sub(s.exp().sum(dim, true).log());
    });
  }

  // ---------------------------------------------------------------- shape

  /** Same data, new shape (one size may be -1). Shares the buffer; gradients flow. */
  reshape(...shape: ShapeArgs): Tensor {
    const target = resolveShape('reshape', this.shape, shapeArg(shape));
    return ENGINE.run('reshape', [this], { shape: target });
  }

  /** Alias of {@link Tensor.reshape} (tensors here are always contiguous). */
  view(...shape: ShapeArgs): Tensor {
    const target = resolveShape('view', this.shape, shapeArg(shape));
    return ENGINE.run('reshape', [this], { shape: target });
  }

  /** Merges axes `startDim..endDim` into one. */
  flatten(startDim = 0, endDim = -1): Tensor {
    if (this.ndim === 0) return this.reshape([1]);
    const s = normAxis('flatten', startDim, this.ndim);
    const e = normAxis('flatten', endDim, this.ndim);
    const shape = [...this.shape.slice(0, s), sizeOf(this.shape.slice(s, e + 1)), ...this.shape.slice(e + 1)];
    return this.reshape(shape);
  }

  /** Inserts an axis of size 1 at `dim`. */
  unsqueeze(dim: number): Tensor {
    const d = normAxis('unsqueeze', dim, this.ndim + 1);
    const shape = [...this.shape];
    shape.splice(d, 0, 1);
    return this.reshape(shape);
  }

  /** Removes axes of size 1 (all of them, or those in `dim`). */
  squeeze(dim?: number | readonly number[]): Tensor {
    const axes = dim === undefined ? undefined : normAxes('squeeze', dim, this.ndim);
    const shape = this.shape.filter((d, i) => !(d === 1 && (axes === undefined || axes.includes(i))));
    return this.reshape(shape);
  }

  /** Reorders axes: `out.shape[i] = this.shape[dims[i]]`. */
  permute(...dims: ShapeArgs): Tensor {
    const perm = shapeArg(dims).map((d) => normAxis('permute', d, this.ndim));
    if (perm.length !== this.ndim || new Set(perm).size !== perm.length) {
      throw new Error(
        `permute: dims [${shapeArg(dims).join(', ')}] are not a permutation of ${this.ndim} axes.`,
      );
    }
    return ENGINE.run('permute', [this], { perm });
  }

  /** Swaps two axes (copies). */
  transpose(dim0 = -2, dim1 = -1): Tensor {
    const a = normAxis('transpose', dim0, this.ndim);
    const b = normAxis('transpose', dim1, this.ndim);
    const perm = Array.from({ length: this.ndim }, (_, i) => i);
    perm[a] = b;
    perm[b] = a;
    return ENGINE.run('permute', [this], { perm });
  }

  /** Transpose of a 2-D tensor (reverses the axes in general). */
  get T(): Tensor {
    return this.permute(Array.from({ length: this.ndim }, (_, i) => this.ndim - 1 - i));
  }

  /** Broadcasts to `shape` (copies); -1 keeps a size. Gradients are summed back. */
  expand(...shape: ShapeArgs): Tensor {
    const target = shapeArg(shape);
    const off = target.length - this.ndim;
    if (off < 0) {
      throw new Error(
        `expand: shape ${fmtShape(target)} has fewer dims than the tensor's ${fmtShape(this.shape)}.`,
      );
    }
    const resolved = target.map((d, i) => (d === -1 && i >= off ? this.shape[i - off]! : d));
    return ENGINE.run('expand', [this], { shape: resolved });
  }

  /** Elements `start, start+step, ...` before `end` along `dim` (Python slice rules, negative indices allowed). */
  slice(dim: number, start = 0, end?: number, step = 1): Tensor {
    const d = normAxis('slice', dim, this.ndim);
    if (!Number.isInteger(step) || step <= 0)
      throw new Error(`slice: step must be a positive integer, got ${step}.`);
    const n = this.shape[d]!;
    const clamp = (v: number) => Math.min(Math.max(v < 0 ? v + n : v, 0), n);
    const s = clamp(start);
    const e = end === undefined ? n : clamp(end);
    const count = e > s ? Math.ceil((e - s) / step) : 0;
    const begin = this.shape.map(() => 0);
    const steps = this.shape.map(() => 1);
    const size = [...this.shape];
    begin[d] = s;
    steps[d] = step;
    size[d] = count;
    return ENGINE.run('slice', [this], { begin, size, step: steps });
  }

  /** The slice at `index` along `dim`, with that axis removed (`x[:, t]` is `x.select(1, t)`). */
  select(dim: number, index: number): Tensor {
    const d = normAxis('select', dim, this.ndim);
    const n = this.shape[d]!;
    if (!Number.isInteger(index) || index < -n || index >= n) {
      throw new Error(`select: index ${index} is out of range for dim ${dim} of size ${n}.`);
    }
    const i = index < 0 ? index + n : index;
    return ENGINE.tidy(() => this.slice(d, i, i + 1).squeeze(d));
  }

  /** Splits into chunks of `size` along `dim` (the last may be smaller). */
  split(size: number, dim = 0): Tensor[] {
    const d = normAxis('split', dim, this.ndim);
    if (!Number.isInteger(size) || size <= 0)
      throw new Error(`split: size must be a positive integer, got ${size}.`);
    const out: Tensor[] = [];
    for (let s = 0; s < this.shape[d]!; s += size) out.push(this.slice(d, s, s + size));
    return out;
  }

  // ---------------------------------------------------------------- indexing

  /**
   * Rows of this tensor picked by integer indices: the lecture's `C[X]`. The result has shape
   * `index.shape + this.shape[1:]`; the gradient scatter-adds into the picked rows.
   */
  index(index: Tensor | readonly number[]): Tensor {
    return this.indexSelect(0, index);
  }

  /** Slices picked along `dim` by integer indices (`tf.gather`): shape `s[:dim] + index.shape + s[dim+1:]`. */
  indexSelect(dim: number, index: Tensor | readonly number[]): Tensor {
    const axis = normAxis('index', dim, this.ndim);
    if (index instanceof Tensor) return ENGINE.run('take', [this, index], { axis });
    const idx = ENGINE.makeTensor([index.length], 'int32', this.backend);
    this.backend.write(idx.dataId, index);
    const out = ENGINE.run('take', [this, idx], { axis });
    idx.dispose();
    return out;
  }

  /** PyTorch `gather`: `out[i][j] = this[i][index[i][j]]` for `dim = 1`. */
  gather(dim: number, index: Tensor): Tensor {
    return ENGINE.run('gather', [this, index], { axis: normAxis('gather', dim, this.ndim) });
  }

  /** This tensor where `condition` is non-zero, else `other` (PyTorch `x.where(cond, y)`). */
  where(condition: Tensor, other: Tensor | number): Tensor {
    if (typeof other !== 'number') return ENGINE.run('where', [condition, this, other], {});
    const c = this.constant(other);
    const out = ENGINE.run('where', [condition, this, c], {});
    c.dispose();
    return out;
  }

  /** Replaces elements where `mask` is non-zero with `value` (e.g. `-Infinity` for causal attention). */
  maskedFill(mask: Tensor, value: number): Tensor {
    const c = this.constant(value);
    const out = ENGINE.run('where', [mask, c, this], {});
    c.dispose();
    return out;
  }

  /** Matrix product: 2-D `[M, K] @ [K, N]` or batched 3-D `[B, M, K] @ [B, K, N]` (a 2-D side broadcasts). */
  matmul(other: Tensor): Tensor {
    return ENGINE.run('matmul', [this, other], { transA: false, transB: false });
  }

  /** Converts to `dtype` (float to int truncates toward zero). Gradients flow between float dtypes. */
  cast(dtype: DType): Tensor {
    return ENGINE.run('cast', [this], { dtype });
  }
  /** `cast('float32')`. */
  float(): Tensor {
    return this.cast('float32');
  }
  /** `cast('float64')`. */
  double(): Tensor {
    return this.cast('float64');
  }
  /** `cast('int32')`. */
  int(): Tensor {
    return this.cast('int32');
  }

  // ---------------------------------------------------------------- in place (never recorded)

  /** `this += alpha * other` in place (same shape, or broadcast to this shape when alpha is 1). */
  add_(other: Tensor | number, alpha = 1): this {
    assertInPlaceAllowed('add_', this);
    if (typeof other === 'number') return this.binaryInPlace('add', other * alpha);
    if (alpha !== 1 || other.numel() === this.numel()) {
      if (other.numel() !== this.numel()) {
        throw new Error(
          `add_: shapes ${fmtShape(this.shape)} and ${fmtShape(other.shape)} must match when alpha is given.`,
        );
      }
      const started = ENGINE.profiler ? performance.now() : 0;
      this.backend.kernels.axpy(this, other, alpha, this);
      ENGINE.recordOp('add_', started);
      return this;
    }
    return this.binaryInPlace('add', other);
  }

  /** `this -= alpha * other` in place. */
  sub_(other: Tensor | number, alpha = 1): this {
    if (typeof other === 'number') return this.add_(-other * alpha);
    return this.add_(other, -alpha);
  }

  /** `this *= other` in place. */
  mul_(other: Tensor | number): this {
    assertInPlaceAllowed('mul_', this);
    return this.binaryInPlace('mul', other);
  }

  /** `this /= other` in place. */
  div_(other: Tensor | number): this {
    assertInPlaceAllowed('div_', this);
    return this.binaryInPlace('div', other);
  }

  /** Copies `src` (broadcast to this shape) into this tensor. */
  copy_(src: Tensor): this {
    assertInPlaceAllowed('copy_', this);
    if (src.numel() === this.numel() && src.dtype === this.dtype) {
      this.backend.kernels.unary(src, this, UNARY_FNS.copy);
    } else {
      ENGINE.noGrad(() => {
        const b = src.dtype === this.dtype ? src : src.cast(this.dtype);
        this.backend.kernels.broadcastTo(b, this);
        if (b !== src) b.dispose();
      });
    }
    return this;
  }

  /** Sets every element to `value`. */
  fill_(value: number): this {
    assertInPlaceAllowed('fill_', this);
    const started = ENGINE.profiler ? performance.now() : 0;
    this.backend.kernels.fill(this, value);
    ENGINE.recordOp('fill_', started);
    return this;
  }

  /** Sets every element to 0. */
  zero_(): this {
    return this.fill_(0);
  }

  private binaryInPlace(name: 'add' | 'mul' | 'div', other: Tensor | number): this {
    const started = ENGINE.profiler ? performance.now() : 0;
    const o = typeof other === 'number' ? this.constant(other) : other;
    if (o.backend !== this.backend) throw new Error(`${name}_: tensors are on different backends.`);
    const s = o.shape;
    const off = this.ndim - s.length;
    if (off < 0 || s.some((d, i) => d !== 1 && d !== this.shape[i + off])) {
      throw new Error(
        `${name}_: shape ${fmtShape(s)} cannot be broadcast to the tensor's shape ${fmtShape(this.shape)}.`,
      );
    }
    this.backend.kernels.binary(this, o, this, BINARY_FNS[name]);
    if (o !== other) o.dispose();
    ENGINE.recordOp(`${name}_`, started);
    return this;
  }
}

/** Resolves a shape with at most one -1 against `from`'s size. */
function resolveShape(op: string, from: Shape, shape: readonly number[]): number[] {
  const out = [...shape];
  const size = sizeOf(from);
  let infer = -1;
  let known = 1;
  for (let i = 0; i < out.length; i++) {
    const d = out[i]!;
    if (d === -1) {
      if (infer >= 0) throw new Error(`${op}: only one dimension can be -1, got ${fmtShape(shape)}.`);
      infer = i;
    } else if (!Number.isInteger(d) || d < 0) {
      throw new Error(`${op}: invalid shape ${fmtShape(shape)}.`);
    } else known *= d;
  }
  if (infer >= 0) {
    if (known === 0 || size % known !== 0) {
      throw new Error(
        `${op}: shape ${fmtShape(shape)} is invalid for input of size ${size} (shape ${fmtShape(from)}).`,
      );
    }
    out[infer] = size / known;
  }
  if (sizeOf(out) !== size) {
    throw new Error(
      `${op}: shape ${fmtShape(shape)} is invalid for input of size ${size} (shape ${fmtShape(from)}).`,
    );
  }
  return out;
}
