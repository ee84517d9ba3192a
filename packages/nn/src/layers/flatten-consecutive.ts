import type { Tensor } from '@makemore/tensor';
import { type Layer, Module } from '../module.js';
import { assertPositiveInteger, NnError, shapeError } from '../nn-error.js';

/**
 * The lecture's part-5 `FlattenConsecutive(n)`: concatenates `n` consecutive time steps,
 * `(B, T, C)` → `(B, T/n, C·n)`, and drops the time axis when it becomes 1 (`(B, C·n)`), so the
 * WaveNet-style model fuses characters two at a time.
 *
 * @example
 * ```ts
 * new FlattenConsecutive(2).forward(zeros([4, 8, 10])).shape; // [4, 4, 20]
 * new FlattenConsecutive(8).forward(zeros([4, 8, 10])).shape; // [4, 80]
 * ```
 */
export class FlattenConsecutive extends Module implements Layer {
  /** Creates the layer. */
  constructor(
    /** How many consecutive steps to merge. */
    readonly n: number,
  ) {
    super();
    assertPositiveInteger('FlattenConsecutive: n', n);
  }

  /** `(B, T, C)` → `(B, T/n, C·n)`, or `(B, C·n)` when `T = n`. */
  forward(x: Tensor): Tensor {
    if (x.ndim !== 3) throw shapeError('FlattenConsecutive', '(B, T, C)', x.shape);
    const [B, T, C] = x.shape as [number, number, number];
    if (T % this.n !== 0) {
      throw new NnError(
        'SHAPE',
        `FlattenConsecutive(${this.n}) needs a time axis divisible by ${this.n}, got ${T}; use a block size that is a power of ${this.n}.`,
      );
    }
    return T === this.n ? x.reshape(B, C * this.n) : x.reshape(B, T / this.n, C * this.n);
  }
}

/**
 * Flattens all axes after the first, `(B, ...)` → `(B, prod(...))`: the lecture's
 * `emb.view(emb.shape[0], -1)`.
 *
 * @example
 * ```ts
 * new Flatten().forward(zeros([32, 3, 10])).shape; // [32, 30]
 * ```
 */
export class Flatten extends Module implements Layer {
  /** `(B, ...)` → `(B, prod(...))`. */
  forward(x: Tensor): Tensor {
    if (x.ndim < 1) throw shapeError('Flatten', '(B, ...)', x.shape);
    return x.reshape(x.shape[0]!, -1);
  }
}
