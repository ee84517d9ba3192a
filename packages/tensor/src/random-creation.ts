import { type CreateOptions, fromValues } from './creation.js';
import { assertDType, makeTypedArray, type TypedArray } from './dtype.js';
import type { Generator } from './random.js';
import { assertShape, fmtShape, sizeOf } from './shape.js';
import type { Tensor } from './tensor.js';

// Tensors of random values. Every one takes a Generator: randomness never comes from a global source.

/** Options of the random creation functions: a {@link Generator} is required, never a global one. */
export interface RandomOptions extends CreateOptions {
  /** The source of randomness. */
  generator: Generator;
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
