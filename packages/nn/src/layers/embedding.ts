import type { Tensor } from '@makemore/tensor';
import { type InitOptions, scaledNormal } from '../init.js';
import { type Layer, Module } from '../module.js';
import { assertPositiveInteger, NnError } from '../nn-error.js';

/**
 * A lookup table of learned vectors, the lecture's `C[X]`: int32 ids `(...)` → `(..., dim)`.
 * Starts as standard normal values, as `torch.randn` and `nn.Embedding`.
 *
 * @example
 * ```ts
 * const C = new Embedding(27, 10, { generator: new Generator(2147483647) });
 * C.forward(tensor([[0, 0, 5]], { dtype: 'int32' })).shape; // [1, 3, 10]
 * ```
 */
export class Embedding extends Module implements Layer {
  /** `(count, dim)`. */
  readonly weight: Tensor;

  /** Creates the table. */
  constructor(
    /** Number of ids (the vocabulary size). */
    readonly count: number,
    /** Length of each vector. */
    readonly dim: number,
    options: InitOptions,
  ) {
    super();
    assertPositiveInteger('Embedding: count', count);
    assertPositiveInteger('Embedding: dim', dim);
    this.weight = this.addParameter('weight', scaledNormal([count, dim], 1, options));
  }

  /** int32 ids `(...)` → `(..., dim)`. */
  forward(ids: Tensor): Tensor {
    if (ids.dtype !== 'int32') {
      throw new NnError(
        'SHAPE',
        `Embedding expects int32 ids, got ${ids.dtype}; build the input with dtype 'int32'.`,
      );
    }
    return this.weight.index(ids);
  }
}
