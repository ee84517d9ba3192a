import type { Backend } from './backend.js';
import { assertDType, type DType, makeTypedArray } from './dtype.js';
import { ENGINE } from './engine.js';
import { assertShape, fmtShape, type Shape, sizeOf } from './shape.js';
import type { NestedArray, Tensor } from './tensor.js';

// Tensors made from values or filled with one; the random ones are in random-creation.ts.

/** Options shared by the creation functions. */
export interface CreateOptions {
  /** Element type (default float32). */
  dtype?: DType | undefined;
  /** Make the new tensor a leaf that requires grad. */
  requiresGrad?: boolean | undefined;
  /** Backend to allocate on (default: the CPU backend). */
  device?: Backend | undefined;
}

function backendOf(options: CreateOptions | undefined): Backend {
  return options?.device ?? ENGINE.defaultBackend;
}

function finish(t: Tensor, options: CreateOptions | undefined): Tensor {
  if (options?.requiresGrad) t.requiresGrad = true;
  return t;
}

/** @internal A tensor of `shape` holding `values` (the creation functions all end here). */
export function fromValues(
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
