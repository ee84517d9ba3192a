import { layerNorm, ones, type Tensor, zeros } from '@makemore/tensor';
import type { FloatDType } from '../init.js';
import { type Layer, Module } from '../module.js';
import { assertPositiveInteger, shapeError } from '../nn-error.js';

/** Options of {@link LayerNorm}. */
export interface LayerNormOptions {
  /** Added to the variance (default 1e-5, as PyTorch). */
  eps?: number | undefined;
  /** Element type (default float32). */
  dtype?: FloatDType | undefined;
}

/**
 * Layer normalisation over the last axis, as `nn.LayerNorm(dim)`: biased variance, a learned `weight`
 * (starts at 1) and `bias` (starts at 0). The same in training and eval mode.
 *
 * @example
 * ```ts
 * const ln = new LayerNorm(64);
 * ln.forward(x).shape; // x.shape, each row normalised
 * ```
 */
export class LayerNorm extends Module implements Layer {
  /** Scale `(dim)`. */
  readonly weight: Tensor;
  /** Shift `(dim)`. */
  readonly bias: Tensor;
  /** See {@link LayerNormOptions.eps}. */
  readonly eps: number;

  /** Creates the layer. */
  constructor(
    /** Size of the last axis. */
    readonly dim: number,
    options: LayerNormOptions = {},
  ) {
    super();
    assertPositiveInteger('LayerNorm: dim', dim);
    this.eps = options.eps ?? 1e-5;
    const dtype = options.dtype ?? 'float32';
    this.weight = this.addParameter('weight', ones([dim], { dtype }));
    this.bias = this.addParameter('bias', zeros([dim], { dtype }));
  }

  /** `(..., dim)` → same shape. */
  forward(x: Tensor): Tensor {
    if (x.ndim < 1 || x.shape[x.ndim - 1] !== this.dim)
      throw shapeError('LayerNorm', `(..., ${this.dim})`, x.shape);
    return layerNorm(x, { weight: this.weight, bias: this.bias, eps: this.eps });
  }
}
