import { type Backend, Generator, type Tensor, tensor } from '../../index.js';

/** How {@link CaseMaker.randn} draws its values. */
export interface RandnOptions {
  /** Make the tensor a leaf that requires grad (default true); its gradient is then compared. */
  grad?: boolean | undefined;
  /** Draw uniformly from `[lo, hi)` instead of a standard normal. */
  lo?: number | undefined;
  /** Upper bound of the uniform draw (default `lo + 1`). */
  hi?: number | undefined;
  /** Push every value at least this far from 0, keeping its sign (for kinks such as relu and abs). */
  away?: number | undefined;
}

/**
 * Creates the inputs of a conformance case on one backend, from a generator seeded per case, so the
 * backend under test and the reference get the same values.
 */
export class CaseMaker {
  /** Leaves that require grad, in creation order (their gradients are compared). */
  readonly leaves: Tensor[] = [];
  readonly #generator: Generator;

  /** A maker for `device` whose draws follow `seed`. */
  constructor(
    /** The backend the tensors are made on. */
    readonly device: Backend,
    seed: number,
  ) {
    this.#generator = new Generator(seed);
  }

  /** Float32 random values (normal, or uniform with `lo`); a leaf that requires grad unless `grad: false`. */
  randn(shape: number[], options: RandnOptions = {}): Tensor {
    const v = new Float64Array(shape.reduce((a, b) => a * b, 1));
    if (options.lo !== undefined) this.#generator.fillUniform(v, options.lo, options.hi ?? options.lo + 1);
    else this.#generator.fillNormal(v);
    if (options.away !== undefined) {
      for (let i = 0; i < v.length; i++) v[i] = Math.sign(v[i]! || 1) * (options.away + Math.abs(v[i]!));
    }
    const grad = options.grad ?? true;
    const t = tensor(Float32Array.from(v), { shape, device: this.device, requiresGrad: grad });
    if (grad) this.leaves.push(t);
    return t;
  }

  /** Float32 values as given (no grad). */
  values(values: number[], shape: number[]): Tensor {
    return tensor(values, { shape, device: this.device });
  }

  /** An int32 tensor of the values as given. */
  ints(values: number[], shape?: number[]): Tensor {
    return tensor(values, { shape: shape ?? [values.length], dtype: 'int32', device: this.device });
  }

  /** Random integers in `[0, high)` as an int32 tensor. */
  randint(high: number, shape: number[]): Tensor {
    const v = new Int32Array(shape.reduce((a, b) => a * b, 1));
    this.#generator.fillIntegers(v, 0, high);
    return tensor(v, { shape, dtype: 'int32', device: this.device });
  }
}
