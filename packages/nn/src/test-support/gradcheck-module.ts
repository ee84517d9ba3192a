import type { Tensor } from '@makemore/tensor';
import { gradcheck } from '@makemore/tensor/testing';
import type { Module } from '../module.js';

/**
 * Gradchecks `forward` with respect to its float inputs and every parameter of `module` (float64).
 * Returns the number of elements compared, so a test can assert that parameters were really covered.
 */
export function gradcheckModule(
  module: Module,
  forward: () => Tensor,
  inputs: readonly Tensor[] = [],
): number {
  const params = module.parameters();
  const all = [...inputs.filter((t) => t.requiresGrad), ...params];
  const result = gradcheck(() => forward(), all, { atol: 1e-6, rtol: 1e-4 });
  return result.checked;
}
