import type { Tensor } from '@makemore/tensor';
import { type Layer, Module } from '../module.js';

/**
 * Elementwise hyperbolic tangent, as a layer.
 *
 * @example
 * ```ts
 * new Tanh().forward(tensor([0])).item(); // 0
 * ```
 */
export class Tanh extends Module implements Layer {
  /** `tanh(x)`. */
  forward(x: Tensor): Tensor {
    return x.tanh();
  }
}

/**
 * Elementwise `max(x, 0)`, as a layer.
 *
 * @example
 * ```ts
 * new ReLU().forward(tensor([-1, 2])).tolist(); // [0, 2]
 * ```
 */
export class ReLU extends Module implements Layer {
  /** `max(x, 0)`. */
  forward(x: Tensor): Tensor {
    return x.relu();
  }
}

/**
 * GELU with the tanh approximation, makemore's `NewGELU`.
 *
 * @example
 * ```ts
 * new GELU().forward(tensor([0])).item(); // 0
 * ```
 */
export class GELU extends Module implements Layer {
  /** `0.5 x (1 + tanh(√(2/π) (x + 0.044715 x³)))`. */
  forward(x: Tensor): Tensor {
    return x.gelu();
  }
}
