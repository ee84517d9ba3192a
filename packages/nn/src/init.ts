import { type Generator, rand, randn, type Tensor } from '@makemore/tensor';
import { NnError } from './nn-error.js';

/** Floating-point element types layers can be created in (float64 for gradient checks). */
export type FloatDType = 'float32' | 'float64';

/** Options shared by the initialisers. */
export interface InitOptions {
  /** Source of randomness; never a global one. */
  generator: Generator;
  /** Element type (default float32). */
  dtype?: FloatDType | undefined;
}

/** Nonlinearities {@link calculateGain} knows. */
export type Nonlinearity = 'linear' | 'sigmoid' | 'tanh' | 'relu';

/**
 * The gain PyTorch's `calculate_gain` recommends for a nonlinearity: 5/3 for tanh (the lecture's
 * Kaiming init), √2 for ReLU, 1 for linear and sigmoid.
 */
export function calculateGain(nonlinearity: Nonlinearity): number {
  switch (nonlinearity) {
    case 'tanh':
      return 5 / 3;
    case 'relu':
      return Math.SQRT2;
    case 'linear':
    case 'sigmoid':
      return 1;
    default:
      throw new NnError(
        'BAD_ARGUMENT',
        `Unknown nonlinearity '${String(nonlinearity)}'; use linear, sigmoid, tanh or relu.`,
      );
  }
}

/**
 * Kaiming (He) normal init: `randn(shape) * gain / √fanIn`, the lecture's
 * `torch.randn((fan_in, fan_out)) * (5/3) / fan_in**0.5` for a tanh layer.
 *
 * @param shape - the tensor's shape
 * @param fanIn - number of inputs of each unit
 * @param gain - see {@link calculateGain} (default 1)
 */
export function kaimingNormal(
  shape: readonly number[],
  fanIn: number,
  gain: number,
  options: InitOptions,
): Tensor {
  return randn(shape, {
    generator: options.generator,
    dtype: options.dtype ?? 'float32',
    std: gain / Math.sqrt(fanIn),
  });
}

/**
 * Uniform init in `[-bound, bound)` with `bound = 1 / √fanIn`: PyTorch's default for `nn.Linear`
 * weights and biases, which makemore's RNN, GRU and Transformer keep.
 */
export function pytorchLinearUniform(shape: readonly number[], fanIn: number, options: InitOptions): Tensor {
  const bound = 1 / Math.sqrt(fanIn);
  return rand(shape, {
    generator: options.generator,
    dtype: options.dtype ?? 'float32',
    low: -bound,
    high: bound,
  });
}

/** Standard normal init, scaled: the lecture's `torch.randn(shape) * scale` (e.g. `W2 * 0.01`). */
export function scaledNormal(shape: readonly number[], scale: number, options: InitOptions): Tensor {
  return randn(shape, { generator: options.generator, dtype: options.dtype ?? 'float32', std: scale });
}
