import { type Tensor, tensor, tidy } from '@makemore/tensor';
import { type Layer, Module } from '../module.js';
import { assertPositiveInteger, shapeError } from '../nn-error.js';

/**
 * makemore's `CausalBoW`, a causal bag of words: position `t` becomes the mean of the vectors at
 * positions `0..t`. makemore writes it as attention with all-zero scores (`softmax` of a causally masked
 * zero matrix, then `att @ x`); that softmax is exactly the averaging matrix `A[t, s] = 1/(t+1)` for
 * `s ≤ t`, which this layer builds directly. It has no parameters.
 *
 * @example
 * ```ts
 * const bow = new CausalBoW(16);
 * bow.forward(x).shape; // x.shape, (B, T ≤ 16, C)
 * ```
 */
export class CausalBoW extends Module implements Layer {
  /** Creates the layer. */
  constructor(
    /** Longest sequence the layer accepts (makemore's `block_size`). */
    readonly blockSize: number,
  ) {
    super();
    assertPositiveInteger('CausalBoW: blockSize', blockSize);
  }

  /** `(B, T ≤ blockSize, C)` → `(B, T, C)`. */
  forward(x: Tensor): Tensor {
    if (x.ndim !== 3 || x.shape[1]! > this.blockSize) {
      throw shapeError('CausalBoW', `(B, T ≤ ${this.blockSize}, C)`, x.shape);
    }
    const T = x.shape[1]!;
    const weights = new Float64Array(T * T);
    for (let t = 0; t < T; t++) weights.fill(1 / (t + 1), t * T, t * T + t + 1);
    return tidy(() => {
      // A constant: the gradient flows to x only. The 2-D (T, T) side broadcasts over the batch.
      const att = tensor(weights, { shape: [T, T], dtype: x.dtype, device: x.backend });
      return att.matmul(x); // (T, T) @ (B, T, C) → (B, T, C)
    });
  }
}
