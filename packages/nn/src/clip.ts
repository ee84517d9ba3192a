import { noGrad, type Tensor, tidy } from '@makemore/tensor';
import { NnError } from './nn-error.js';

/**
 * Scales all gradients together so that their global L2 norm is at most `maxNorm`, as
 * `torch.nn.utils.clip_grad_norm_`. Parameters without a gradient are skipped.
 *
 * @returns the global norm before clipping (NaN or Infinity if a gradient is not finite)
 * @example
 * ```ts
 * loss.backward();
 * const norm = clipGradNorm(model.parameters(), 1.0);
 * optimizer.step();
 * ```
 */
export function clipGradNorm(parameters: Iterable<Tensor>, maxNorm: number): number {
  if (!(maxNorm > 0))
    throw new NnError('BAD_ARGUMENT', `clipGradNorm: maxNorm must be positive, got ${maxNorm}.`);
  const grads = [...parameters].map((p) => p.grad).filter((g): g is Tensor => g !== null);
  let sumSquares = 0;
  for (const g of grads) sumSquares += tidy(() => g.square().sum().item());
  const norm = Math.sqrt(sumSquares);
  const scale = maxNorm / (norm + 1e-6);
  if (scale < 1) {
    noGrad(() => {
      for (const g of grads) g.mul_(scale);
    });
  }
  return norm;
}
