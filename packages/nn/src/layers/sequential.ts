import type { Tensor } from '@makemore/tensor';
import { type Layer, Module } from '../module.js';

/** A module that is also a one-input layer. */
export type LayerModule = Module & Layer;

/**
 * Applies layers in order; their tensors are named `0.weight`, `1.gamma`, ...
 *
 * @example
 * ```ts
 * const g = new Generator(42);
 * const net = new Sequential([new Linear(30, 200, { generator: g, bias: false }), new BatchNorm1d(200), new Tanh()]);
 * net.forward(x); // (B, 200)
 * ```
 */
export class Sequential extends Module implements Layer {
  /** The layers, in order. */
  readonly layers: readonly LayerModule[];

  /** Creates the chain. */
  constructor(layers: readonly LayerModule[]) {
    super();
    this.layers = [...layers];
    for (const [i, layer] of this.layers.entries()) this.addModule(String(i), layer);
  }

  /** Runs each layer on the previous one's output, freeing intermediates. */
  forward(x: Tensor): Tensor {
    let out = x;
    for (const [i, layer] of this.layers.entries()) {
      // Named as the layer's tensors are (`0`, `1`, ...), so a probe sees every layer's output.
      const next = this.observe(i, layer.forward(out));
      // A layer may return its input (Dropout in eval mode): free only what is no longer used.
      if (out !== x && next !== out) out.dispose();
      out = next;
    }
    return out;
  }
}
