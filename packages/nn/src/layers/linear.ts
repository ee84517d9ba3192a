import { type Tensor, zeros } from '@makemore/tensor';
import { type FloatDType, type InitOptions, kaimingNormal, pytorchLinearUniform } from '../init.js';
import { type Layer, Module } from '../module.js';
import { assertPositiveInteger, shapeError } from '../nn-error.js';

/** Options of {@link Linear}. */
export interface LinearOptions extends InitOptions {
  /** Add a bias vector (default true). */
  bias?: boolean | undefined;
  /**
   * How the weights start:
   * - `'kaiming'` (default): `randn(in, out) * gain / √in` with a zero bias, the lecture's `Linear`;
   * - `'pytorch'`: `U(-1/√in, 1/√in)` for weight and bias, PyTorch's `nn.Linear` (makemore's models).
   */
  init?: 'kaiming' | 'pytorch' | undefined;
  /** Gain of the Kaiming init (default 1; 5/3 before a tanh). */
  gain?: number | undefined;
}

/**
 * `y = x W + b` over the last axis. The weight is stored `(in, out)` as in the lecture (`x @ W`);
 * PyTorch's `nn.Linear.weight` is its transpose.
 *
 * @example
 * ```ts
 * const layer = new Linear(30, 200, { generator: new Generator(1), gain: 5 / 3 });
 * layer.forward(zeros([32, 30])).shape; // [32, 200]
 * ```
 */
export class Linear extends Module implements Layer {
  /** `(in, out)`. */
  readonly weight: Tensor;
  /** `(out)`, or null without a bias. */
  readonly bias: Tensor | null;

  /** Creates the layer with freshly initialised weights. */
  constructor(
    /** Size of the input's last axis. */
    readonly inFeatures: number,
    /** Size of the output's last axis. */
    readonly outFeatures: number,
    options: LinearOptions,
  ) {
    super();
    assertPositiveInteger('Linear: inFeatures', inFeatures);
    assertPositiveInteger('Linear: outFeatures', outFeatures);
    const dtype: FloatDType = options.dtype ?? 'float32';
    const pytorch = options.init === 'pytorch';
    this.weight = this.addParameter(
      'weight',
      pytorch
        ? pytorchLinearUniform([inFeatures, outFeatures], inFeatures, options)
        : kaimingNormal([inFeatures, outFeatures], inFeatures, options.gain ?? 1, options),
    );
    this.bias =
      options.bias === false
        ? null
        : this.addParameter(
            'bias',
            pytorch
              ? pytorchLinearUniform([outFeatures], inFeatures, options)
              : zeros([outFeatures], { dtype }),
          );
  }

  /** `(..., in)` → `(..., out)`. */
  forward(x: Tensor): Tensor {
    if (x.ndim < 1 || x.shape[x.ndim - 1] !== this.inFeatures) {
      throw shapeError('Linear', `(..., ${this.inFeatures})`, x.shape);
    }
    // matmul takes 2-D or batched 3-D operands: fold leading axes into rows and unfold after.
    if (x.ndim === 2) {
      const y = x.matmul(this.weight);
      if (!this.bias) return y;
      const out = y.add(this.bias);
      y.dispose();
      return out;
    }
    const lead = x.shape.slice(0, -1);
    const flat = x.reshape(-1, this.inFeatures);
    const y = this.forward(flat);
    flat.dispose();
    const out = y.reshape([...lead, this.outFeatures]);
    y.dispose();
    return out;
  }
}
