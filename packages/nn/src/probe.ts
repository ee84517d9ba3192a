import type { Tensor } from '@makemore/tensor';

/**
 * Watches the intermediate outputs a module reports while a probe is installed with
 * {@link Module.setProbe}: the way to look inside a network during a training step (the part-3
 * lecture's activation and gradient statistics) without the model keeping references itself.
 *
 * A module reports an output by passing it through {@link ActivationProbe.observe} and using what
 * comes back instead, so a probe can route the gradient through a tensor of its own (e.g. add a zero
 * leaf that requires grad: its `.grad` after `backward()` is the output's gradient, and the values do
 * not change).
 */
export interface ActivationProbe {
  /**
   * Receives one output during forward.
   *
   * @param name - dotted path of the output from the module the probe was installed on
   *   (`h`, `layers.2`); the same name may come more than once (a layer applied at every time step)
   * @param output - the output, still part of the graph (its `gradFn` says which op made it)
   * @returns the tensor the module continues with: `output` itself, or one equal to it
   */
  observe(name: string, output: Tensor): Tensor;
}
