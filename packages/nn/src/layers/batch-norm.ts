import { batchNorm, ones, type Tensor, tidy, zeros } from '@makemore/tensor';
import type { FloatDType } from '../init.js';
import { type Layer, Module } from '../module.js';
import { assertPositiveInteger, NnError, shapeError } from '../nn-error.js';

/** Options of {@link BatchNorm1d}. */
export interface BatchNormOptions {
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number | undefined;
  /** Weight of the new batch in the running statistics (default 0.1). */
  momentum?: number | undefined;
  /** Element type (default float32). */
  dtype?: FloatDType | undefined;
}

/**
 * Batch normalisation over the batch axis of `(B, C)` or the batch and time axes of `(B, T, C)`, as
 * the lecture writes it (parts 3 and 5): in training mode it normalises with the batch's mean and
 * variance (`x.var(dim)`, unbiased as the lecture's code) and updates running estimates with
 * `momentum`; in eval mode it uses the running estimates. `gamma`/`beta` are trained; `runningMean`
 * and `runningVar` are buffers.
 *
 * @example
 * ```ts
 * const bn = new BatchNorm1d(200);
 * const y = bn.forward(x); // (32, 200): zero mean, unit variance per column, times gamma plus beta
 * bn.eval(); // now uses bn.runningMean and bn.runningVar
 * ```
 */
export class BatchNorm1d extends Module implements Layer {
  /** Scale `(C)`, starts at 1. */
  readonly gamma: Tensor;
  /** Shift `(C)`, starts at 0. */
  readonly beta: Tensor;
  /** Running mean `(C)` (buffer). */
  readonly runningMean: Tensor;
  /** Running variance `(C)` (buffer). */
  readonly runningVar: Tensor;
  /** See {@link BatchNormOptions.eps}. */
  readonly eps: number;
  /** See {@link BatchNormOptions.momentum}. */
  readonly momentum: number;

  /** Creates the layer for `dim` channels. */
  constructor(
    /** Number of channels (the last axis). */
    readonly dim: number,
    options: BatchNormOptions = {},
  ) {
    super();
    assertPositiveInteger('BatchNorm1d: dim', dim);
    this.eps = options.eps ?? 1e-5;
    this.momentum = options.momentum ?? 0.1;
    if (!(this.eps > 0))
      throw new NnError('BAD_ARGUMENT', `BatchNorm1d: eps must be positive, got ${this.eps}.`);
    if (!(this.momentum >= 0 && this.momentum <= 1)) {
      throw new NnError('BAD_ARGUMENT', `BatchNorm1d: momentum must be in [0, 1], got ${this.momentum}.`);
    }
    const dtype = options.dtype ?? 'float32';
    this.gamma = this.addParameter('gamma', ones([dim], { dtype }));
    this.beta = this.addParameter('beta', zeros([dim], { dtype }));
    this.runningMean = this.addBuffer('runningMean', zeros([dim], { dtype }));
    this.runningVar = this.addBuffer('runningVar', ones([dim], { dtype }));
  }

  /** `(B, C)` or `(B, T, C)` → same shape. */
  forward(x: Tensor): Tensor {
    if ((x.ndim !== 2 && x.ndim !== 3) || x.shape[x.ndim - 1] !== this.dim) {
      throw shapeError('BatchNorm1d', `(B, ${this.dim}) or (B, T, ${this.dim})`, x.shape);
    }
    return tidy(() => {
      if (!this.training) {
        const xhat = x.sub(this.runningMean).div(this.runningVar.add(this.eps).sqrt());
        return xhat.mul(this.gamma).add(this.beta);
      }
      // One fused op: batch statistics (unbiased variance, as the lecture), normalisation and the
      // running-statistics update, with a one-kernel gradient.
      return batchNorm(x, {
        weight: this.gamma,
        bias: this.beta,
        runningMean: this.runningMean,
        runningVar: this.runningVar,
        momentum: this.momentum,
        eps: this.eps,
      });
    });
  }
}
