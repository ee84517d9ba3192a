import type { Backend, Reduction } from './backend.js';
import { assertDType, type DType, makeTypedArray, type TypedArray } from './dtype.js';
import { ENGINE, type MemoryInfo } from './engine.js';
import type { OpProfile } from './profile.js';
import type { Generator } from './random.js';
import { assertShape, fmtShape, normAxis, type Shape, sizeOf } from './shape.js';
import { type NestedArray, Tensor } from './tensor.js';

/** Options shared by the creation functions. */
export interface CreateOptions {
  /** Element type (default float32). */
  dtype?: DType | undefined;
  /** Make the new tensor a leaf that requires grad. */
  requiresGrad?: boolean | undefined;
  /** Backend to allocate on (default: the CPU backend). */
  device?: Backend | undefined;
}

/** Options of the random creation functions: a {@link Generator} is required, never a global one. */
export interface RandomOptions extends CreateOptions {
  /** The source of randomness. */
  generator: Generator;
}

function backendOf(options: CreateOptions | undefined): Backend {
  return options?.device ?? ENGINE.defaultBackend;
}

function finish(t: Tensor, options: CreateOptions | undefined): Tensor {
  if (options?.requiresGrad) t.requiresGrad = true;
  return t;
}

function fromValues(
  op: string,
  values: ArrayLike<number>,
  shape: Shape,
  options: CreateOptions | undefined,
  dtype: DType,
): Tensor {
  assertShape(op, shape);
  if (sizeOf(shape) !== values.length) {
    throw new Error(
      `${op}: ${values.length} values do not fill shape ${fmtShape(shape)} (${sizeOf(shape)} elements).`,
    );
  }
  const backend = backendOf(options);
  const t = ENGINE.makeTensor(shape, dtype, backend);
  backend.write(t.dataId, values);
  return finish(t, options);
}

/** Options of {@link tensor}. */
export interface TensorOptions extends CreateOptions {
  /** Shape for flat data (a typed array or flat list); inferred from nesting otherwise. */
  shape?: readonly number[] | undefined;
}

/**
 * Creates a tensor from a number, nested arrays or a typed array. The dtype defaults to float32
 * (int32 for an `Int32Array`, float64 for a `Float64Array`): JavaScript cannot tell `1` from `1.0`.
 *
 * @example
 * ```ts
 * const x = tensor([[1, 2, 3], [4, 5, 6]]);
 * x.shape; // [2, 3]
 * const ix = tensor([5, 13, 13], { dtype: 'int32' });
 * ```
 */
export function tensor(data: number | NestedArray | ArrayLike<number>, options: TensorOptions = {}): Tensor {
  let dtype: DType = options.dtype ?? 'float32';
  if (options.dtype === undefined) {
    if (data instanceof Int32Array) dtype = 'int32';
    else if (data instanceof Float64Array) dtype = 'float64';
  }
  assertDType(dtype);
  if (typeof data === 'number') return fromValues('tensor', [data], options.shape ?? [], options, dtype);
  if (!Array.isArray(data)) {
    const flat = data as ArrayLike<number>;
    return fromValues('tensor', flat, options.shape ?? [flat.length], options, dtype);
  }
  const shape: number[] = [];
  let level: unknown = data;
  while (Array.isArray(level)) {
    shape.push(level.length);
    level = level[0];
  }
  const flat: number[] = [];
  const walk = (v: unknown, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof v !== 'number') {
        throw new Error(
          `tensor: expected a number at ${path || 'the top'}, got ${Array.isArray(v) ? 'an array' : typeof v}.`,
        );
      }
      flat.push(v);
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      throw new Error(
        `tensor: ragged nested array: expected ${shape[depth]} elements at ${path || 'the top'}, ` +
          `got ${Array.isArray(v) ? v.length : typeof v}.`,
      );
    }
    for (let i = 0; i < v.length; i++) walk(v[i], depth + 1, `${path}[${i}]`);
  };
  walk(data, 0, '');
  return fromValues('tensor', flat, options.shape ?? shape, options, dtype);
}

/** A tensor filled with `value`. */
export function full(shape: readonly number[], value: number, options: CreateOptions = {}): Tensor {
  assertShape('full', shape);
  const dtype = options.dtype ?? 'float32';
  assertDType(dtype);
  const backend = backendOf(options);
  const t = ENGINE.makeTensor(shape, dtype, backend);
  backend.kernels.fill(t, value);
  return finish(t, options);
}

/** A tensor of zeros. */
export function zeros(shape: readonly number[], options: CreateOptions = {}): Tensor {
  return full(shape, 0, options);
}

/** A tensor of ones. */
export function ones(shape: readonly number[], options: CreateOptions = {}): Tensor {
  return full(shape, 1, options);
}

/** `like`'s dtype and backend unless `options` gives others (an undefined field gives none). */
function likeOptions(like: Tensor, options: CreateOptions): CreateOptions {
  return {
    dtype: options.dtype ?? like.dtype,
    device: options.device ?? like.backend,
    requiresGrad: options.requiresGrad,
  };
}

/** Zeros with `like`'s shape, dtype and backend. */
export function zerosLike(like: Tensor, options: CreateOptions = {}): Tensor {
  return full(like.shape, 0, likeOptions(like, options));
}

/** Ones with `like`'s shape, dtype and backend. */
export function onesLike(like: Tensor, options: CreateOptions = {}): Tensor {
  return full(like.shape, 1, likeOptions(like, options));
}

/**
 * `start, start + step, ...` below `end`, as `torch.arange`. With one argument it counts from 0.
 * The dtype defaults to int32 when all arguments are integers, float32 otherwise.
 */
export function arange(start: number, end?: number, step = 1, options: CreateOptions = {}): Tensor {
  const [s, e] = end === undefined ? [0, start] : [start, end];
  if (step === 0 || !Number.isFinite(step))
    throw new Error(`arange: step must be a non-zero number, got ${step}.`);
  const n = Math.max(0, Math.ceil((e - s) / step));
  const dtype =
    options.dtype ??
    (Number.isInteger(s) && Number.isInteger(e) && Number.isInteger(step) ? 'int32' : 'float32');
  const values = makeTypedArray(dtype, n);
  for (let i = 0; i < n; i++) values[i] = s + i * step;
  return fromValues('arange', values, [n], options, dtype);
}

function randomValues(
  op: string,
  shape: readonly number[],
  options: RandomOptions,
  fill: (v: TypedArray) => void,
): Tensor {
  assertShape(op, shape);
  if (!options || typeof options.generator?.uniform !== 'function') {
    throw new Error(`${op}: pass { generator } (a Generator); randomness never comes from a global source.`);
  }
  const dtype = options.dtype ?? 'float32';
  assertDType(dtype);
  const values = dtype === 'float32' ? new Float64Array(sizeOf(shape)) : makeTypedArray(dtype, sizeOf(shape));
  fill(values);
  return fromValues(op, values, shape, options, dtype);
}

/**
 * Standard normal samples (times `std`, plus `mean`).
 *
 * @example
 * ```ts
 * const g = new Generator(2147483647);
 * const C = randn([27, 10], { generator: g, requiresGrad: true });
 * ```
 */
export function randn(
  shape: readonly number[],
  options: RandomOptions & { mean?: number | undefined; std?: number | undefined },
): Tensor {
  return randomValues('randn', shape, options, (v) =>
    options.generator.fillNormal(v, options.mean ?? 0, options.std ?? 1),
  );
}

/** Uniform samples in `[low, high)` (default `[0, 1)`). */
export function rand(
  shape: readonly number[],
  options: RandomOptions & { low?: number | undefined; high?: number | undefined },
): Tensor {
  return randomValues('rand', shape, options, (v) =>
    options.generator.fillUniform(v, options.low ?? 0, options.high ?? 1),
  );
}

/** Uniform integers in `[low, high)`, int32 by default. */
export function randint(low: number, high: number, shape: readonly number[], options: RandomOptions): Tensor {
  return randomValues('randint', shape, { ...options, dtype: options?.dtype ?? 'int32' }, (v) =>
    options.generator.fillIntegers(v, low, high),
  );
}

/** A random permutation of `0..n-1` as an int32 tensor. */
export function randperm(n: number, options: RandomOptions): Tensor {
  if (typeof options?.generator?.permutation !== 'function') {
    throw new Error('randperm: pass { generator } (a Generator).');
  }
  return fromValues('randperm', options.generator.permutation(n), [n], options, options.dtype ?? 'int32');
}

/**
 * Samples category indices from the rows of `probs` (`[C]` or `[B, C]`, unnormalised weights), as
 * `torch.multinomial`. Returns int32 `[numSamples]` or `[B, numSamples]`.
 */
export function multinomial(
  probs: Tensor,
  numSamples: number,
  options: { generator: Generator; replacement?: boolean | undefined },
): Tensor {
  if (probs.ndim !== 1 && probs.ndim !== 2) {
    throw new Error(`multinomial: probs must be 1-D or 2-D, got shape ${fmtShape(probs.shape)}.`);
  }
  const v = probs.dataSync();
  const rows = probs.ndim === 1 ? 1 : probs.shape[0]!;
  const C = probs.shape[probs.ndim - 1]!;
  const out = new Int32Array(rows * numSamples);
  for (let r = 0; r < rows; r++) {
    const s = options.generator.multinomial(v.subarray(r * C, (r + 1) * C), numSamples, {
      replacement: options.replacement ?? false,
    });
    out.set(s, r * numSamples);
  }
  return fromValues(
    'multinomial',
    out,
    probs.ndim === 1 ? [numSamples] : [rows, numSamples],
    { device: probs.backend },
    'int32',
  );
}

/** One-hot encodes int32 indices: shape `index.shape + [numClasses]`, float32 by default. */
export function oneHot(
  index: Tensor,
  numClasses: number,
  options: { dtype?: DType | undefined } = {},
): Tensor {
  if (!Number.isInteger(numClasses) || numClasses <= 0) {
    throw new Error(`oneHot: numClasses must be a positive integer, got ${numClasses}.`);
  }
  return ENGINE.run('oneHot', [index], { depth: numClasses, dtype: options.dtype ?? 'float32' });
}

/** Concatenates tensors along an existing axis. */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new Error('cat: expected a non-empty list of tensors.');
  const axis = normAxis('cat', dim, tensors[0]!.ndim);
  if (tensors.length === 1) return tensors[0]!.clone();
  return ENGINE.run('concat', tensors, { axis });
}

/** Stacks same-shape tensors along a new axis. */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new Error('stack: expected a non-empty list of tensors.');
  const first = tensors[0]!;
  const axis = normAxis('stack', dim, first.ndim + 1);
  for (const t of tensors) {
    if (t.ndim !== first.ndim || t.shape.some((d, i) => d !== first.shape[i])) {
      throw new Error(
        `stack: all tensors must have the same shape, got ${fmtShape(first.shape)} and ${fmtShape(t.shape)}.`,
      );
    }
  }
  return ENGINE.tidy(() =>
    cat(
      tensors.map((t) => t.unsqueeze(axis)),
      axis,
    ),
  );
}

/** `x` where `condition` is non-zero, else `y` (broadcasting all three). */
export function where(condition: Tensor, x: Tensor | number, y: Tensor | number): Tensor {
  return ENGINE.tidy(() => {
    const ref = x instanceof Tensor ? x : y instanceof Tensor ? y : condition;
    const a = x instanceof Tensor ? x : ref.constant(x);
    const b = y instanceof Tensor ? y : ref.constant(y);
    return ENGINE.run('where', [condition, a, b], {});
  });
}

/** Matrix product, `a.matmul(b)`. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  return a.matmul(b);
}

/** Softmax along `dim` (default last). */
export function softmax(x: Tensor, dim = -1): Tensor {
  return x.softmax(dim);
}

/** Log-softmax along `dim` (default last). */
export function logSoftmax(x: Tensor, dim = -1): Tensor {
  return x.logSoftmax(dim);
}

/** Options of {@link layerNorm}. */
export interface LayerNormOptions {
  /** Scale over the last axis `(C)`, applied after normalising. */
  weight?: Tensor | undefined;
  /** Shift over the last axis `(C)`, applied after the scale. */
  bias?: Tensor | undefined;
  /** Added to the variance (default 1e-5, as PyTorch). */
  eps?: number | undefined;
}

/**
 * Layer normalisation over the last axis, as `F.layer_norm(x, (C,), weight, bias, eps)`: each row
 * minus its mean, divided by `√(biased variance + eps)`, then scaled and shifted. The normalisation
 * is one fused op with a one-kernel gradient.
 *
 * @example
 * ```ts
 * const y = layerNorm(tensor([[1, 2, 3]]), { eps: 0 }); // ≈ [[-1.2247, 0, 1.2247]]
 * ```
 */
export function layerNorm(x: Tensor, options: LayerNormOptions = {}): Tensor {
  return ENGINE.tidy(() => {
    let y = ENGINE.run('layerNorm', [x], { eps: options.eps ?? 1e-5 });
    if (options.weight) y = y.mul(options.weight);
    if (options.bias) y = y.add(options.bias);
    return y;
  });
}

/** Options of {@link batchNorm}. */
export interface BatchNormOptions {
  /** Scale over the last axis `(C)`, applied after normalising. */
  weight?: Tensor | undefined;
  /** Shift over the last axis `(C)`, applied after the scale. */
  bias?: Tensor | undefined;
  /** Running mean `(C)`, updated in place (with `runningVar`). */
  runningMean?: Tensor | undefined;
  /** Running unbiased variance `(C)`, updated in place (with `runningMean`). */
  runningVar?: Tensor | undefined;
  /** Weight of this batch in the running statistics (default 0.1, as PyTorch). */
  momentum?: number | undefined;
  /** Added to the variance (default 1e-5, as PyTorch). */
  eps?: number | undefined;
}

/**
 * Batch normalisation in training mode over every axis but the last, as the lectures' BatchNorm1d:
 * each feature minus its batch mean, divided by `√(unbiased batch variance + eps)`, then scaled and
 * shifted; the running statistics, when given, move toward the batch's. The normalisation is one
 * fused op with a one-kernel gradient.
 *
 * @example
 * ```ts
 * const y = batchNorm(tensor([[1, 10], [3, 30]]), { eps: 0 }); // ≈ [[-0.7071, -0.7071], [0.7071, 0.7071]]
 * ```
 */
export function batchNorm(x: Tensor, options: BatchNormOptions = {}): Tensor {
  const { runningMean, runningVar } = options;
  if ((runningMean === undefined) !== (runningVar === undefined)) {
    throw new Error('batchNorm: give both runningMean and runningVar, or neither.');
  }
  return ENGINE.tidy(() => {
    const inputs = runningMean && runningVar ? [x, runningMean, runningVar] : [x];
    let y = ENGINE.run('batchNorm', inputs, { eps: options.eps ?? 1e-5, momentum: options.momentum ?? 0.1 });
    if (options.weight) y = y.mul(options.weight);
    if (options.bias) y = y.add(options.bias);
    return y;
  });
}

/**
 * Causal self-attention as one fused op, from the joint projection `qkv` `(B, T, 3C)` (queries, keys
 * and values side by side, as minGPT's `c_attn` makes them) to `y` `(B, T, C)` with `nHead` heads:
 * what `F.scaled_dot_product_attention(q, k, v, is_causal=True)` computes after splitting the heads,
 * with the heads merged back. Its gradient is one kernel too.
 *
 * @example
 * ```ts
 * const qkv = randn([2, 5, 3 * 8], { generator: new Generator(1) });
 * causalAttention(qkv, 2).shape; // [2, 5, 8]
 * ```
 */
export function causalAttention(qkv: Tensor, nHead: number): Tensor {
  return ENGINE.run('causalAttention', [qkv], { nHead });
}

/** Options of {@link crossEntropy}. */
export interface CrossEntropyOptions {
  /** Rows whose target is this value are skipped (makemore uses -1). Default -100, as PyTorch. */
  ignoreIndex?: number | undefined;
  /** `'mean'` over non-ignored rows (default), `'sum'`, or `'none'` for one loss per row. */
  reduction?: Reduction | undefined;
}

/**
 * Softmax cross-entropy between `logits` (`[N, C]`, or `[..., C]`: the class axis is last) and int32
 * class `targets` (`[N]` or `[...]`), fused and numerically stable, as `F.cross_entropy`.
 *
 * @example
 * ```ts
 * const logits = tensor([[2, 1, 0.1], [0.5, 2.5, 0.3]], { requiresGrad: true });
 * const loss = crossEntropy(logits, tensor([0, -1], { dtype: 'int32' }), { ignoreIndex: -1 });
 * loss.backward();
 * ```
 */
export function crossEntropy(logits: Tensor, targets: Tensor, options: CrossEntropyOptions = {}): Tensor {
  const ignoreIndex = options.ignoreIndex ?? -100;
  const reduction = options.reduction ?? 'mean';
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new Error(`crossEntropy: reduction must be 'mean', 'sum' or 'none', got '${String(reduction)}'.`);
  }
  const lead = logits.shape.slice(0, -1);
  if (logits.ndim < 1 || targets.ndim !== lead.length || targets.shape.some((d, i) => d !== lead[i])) {
    throw new Error(
      `crossEntropy: logits ${fmtShape(logits.shape)} and targets ${fmtShape(targets.shape)} do not match ` +
        '(expected logits [..., C] and targets [...]).',
    );
  }
  if (logits.ndim === 2) return ENGINE.run('crossEntropy', [logits, targets], { ignoreIndex, reduction });
  return ENGINE.tidy(() => {
    const C = logits.shape[logits.ndim - 1]!;
    const out = ENGINE.run('crossEntropy', [logits.reshape(-1, C), targets.reshape(-1)], {
      ignoreIndex,
      reduction,
    });
    return reduction === 'none' ? out.reshape(lead) : out;
  });
}

/** Lower triangle of the last two axes (`torch.tril`); the rest becomes 0. Used for causal masks. */
export function tril(x: Tensor, diagonal = 0): Tensor {
  return triangle('tril', x, diagonal, true);
}

/** Upper triangle of the last two axes (`torch.triu`). */
export function triu(x: Tensor, diagonal = 0): Tensor {
  return triangle('triu', x, diagonal, false);
}

function triangle(op: string, x: Tensor, diagonal: number, lower: boolean): Tensor {
  if (x.ndim < 2) throw new Error(`${op}: expected at least 2 dims, got shape ${fmtShape(x.shape)}.`);
  const R = x.shape[x.ndim - 2]!;
  const C = x.shape[x.ndim - 1]!;
  const mask = new Float32Array(R * C);
  for (let i = 0; i < R; i++)
    for (let j = 0; j < C; j++) mask[i * C + j] = (lower ? j - i <= diagonal : j - i >= diagonal) ? 1 : 0;
  return ENGINE.tidy(() => x.where(fromValues(op, mask, [R, C], { device: x.backend }, 'float32'), 0));
}

/**
 * Runs `fn` and disposes every tensor created inside it, except the ones it returns (a tensor, or
 * arrays/objects of tensors) and those passed to {@link keep}. Scopes nest. Gradients written to
 * leaves' `.grad` survive.
 *
 * @example
 * ```ts
 * const w = randn([3, 3], { generator: new Generator(1), requiresGrad: true });
 * tidy(() => {
 *   const loss = w.tanh().square().sum();
 *   loss.backward();
 * }); // loss and the intermediates are freed; w.grad stays
 * ```
 */
export function tidy<
  T extends
    | Tensor
    | readonly unknown[]
    | Record<string, unknown>
    | undefined
    // biome-ignore lint/suspicious/noConfusingVoidType: tidy(fn) accepts functions that return nothing
    | void
    | number
    | string
    | boolean,
>(fn: () => T): T {
  return ENGINE.tidy(fn);
}

/** Runs `fn` without recording gradients (PyTorch's `torch.no_grad()`), e.g. for parameter updates. */
export function noGrad<T>(fn: () => T): T {
  return ENGINE.noGrad(fn);
}

/**
 * Runs `fn` with `profile` recording the time and call count of every op (see {@link OpProfile});
 * set `profile.phase = 'optimizer'` around an optimizer step inside `fn` to file its updates there.
 *
 * @example
 * ```ts
 * const w = randn([30, 200], { generator: new Generator(1), requiresGrad: true });
 * const profile = new OpProfile();
 * profileOps(profile, () => tidy(() => ones([32, 30]).matmul(w).tanh().sum().backward()));
 * profile.table().map((r) => `${r.phase} ${r.op} ×${r.calls}`);
 * // ['forward matmul ×1', 'backward matmul ×1', ...] in the order of time spent
 * ```
 */
export function profileOps<T>(profile: OpProfile, fn: () => T): T {
  const previous = ENGINE.profiler;
  ENGINE.profiler = profile;
  try {
    return fn();
  } finally {
    ENGINE.profiler = previous;
  }
}

/** Whether operations currently record gradients. */
export function isGradEnabled(): boolean {
  return ENGINE.gradEnabled;
}

/** Marks a tensor to survive the enclosing tidy scopes; returns it. */
export function keep<T extends Tensor>(t: T): T {
  t.isKept = true;
  return t;
}

/** Disposes one tensor or several. */
export function dispose(tensors: Tensor | readonly Tensor[] | Record<string, Tensor>): void {
  if (tensors instanceof Tensor) tensors.dispose();
  else for (const t of Object.values(tensors)) t.dispose();
}

/** Clears `.grad` of each parameter. */
export function zeroGrad(params: Iterable<Tensor>): void {
  for (const p of params) p.zeroGrad();
}

/** Live tensors and the default backend's buffer counts, for leak tests. */
export function memory(): MemoryInfo {
  return ENGINE.memory();
}

/** The backend tensors are created on when no `device` is given. */
export function getDefaultBackend(): Backend {
  return ENGINE.defaultBackend;
}

/**
 * Makes `backend` the one new tensors are created on when no `device` is given, so that a model and
 * its training run entirely there (ops follow their inputs' backend). Set it before creating
 * tensors: ops refuse to mix tensors of two backends.
 *
 * @param backend - e.g. a gpu.js backend from `@makemore/gpu`'s `selectDevice`
 * @returns the previous default, to restore it later
 * @example
 * ```ts
 * const previous = setDefaultBackend(new CpuBackend());
 * const x = zeros([2, 3]); // on the new default backend
 * setDefaultBackend(previous);
 * ```
 */
export function setDefaultBackend(backend: Backend): Backend {
  const previous = ENGINE.defaultBackend;
  ENGINE.defaultBackend = backend;
  return previous;
}
