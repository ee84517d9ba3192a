import { type Generator, rand, type Tensor, tidy } from '@makemore/tensor';
import { type Layer, Module } from '../module.js';
import { NnError } from '../nn-error.js';

/** Options of {@link Dropout}. */
export interface DropoutOptions {
  /** Source of the random masks (the training loop's generator, so a resumed run draws the same masks). */
  generator: Generator;
}

/**
 * Inverted dropout: in training mode each element is zeroed with probability `p` and the rest scaled
 * by `1/(1-p)`; in eval mode (or with `p = 0`) the input passes through unchanged.
 *
 * @example
 * ```ts
 * const drop = new Dropout(0.1, { generator: new Generator(0) });
 * drop.eval().forward(x); // x itself
 * ```
 */
export class Dropout extends Module implements Layer {
  readonly #generator: Generator;

  /** Creates the layer. */
  constructor(
    /** Probability of zeroing an element, in `[0, 1)`. */
    readonly p: number,
    options: DropoutOptions,
  ) {
    super();
    if (!(p >= 0 && p < 1)) throw new NnError('BAD_ARGUMENT', `Dropout: p must be in [0, 1), got ${p}.`);
    this.#generator = options.generator;
  }

  /** Same shape as the input. */
  forward(x: Tensor): Tensor {
    if (!this.training || this.p === 0) return x;
    return tidy(() => {
      const keepMask = rand(x.shape, { generator: this.#generator, dtype: x.dtype }).ge(this.p);
      return x.mul(keepMask).mul(1 / (1 - this.p));
    });
  }
}
