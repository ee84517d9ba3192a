import { noGrad, tidy } from '@makemore/tensor';
import { NnError } from '../nn-error.js';
import { assertRate, type NamedParameter, Optimizer } from './optimizer.js';

/** Options of {@link SGD}. */
export interface SGDOptions {
  /** Learning rate (the lecture's 0.1, then 0.01). */
  lr: number;
  /** Momentum factor (default 0: plain `p -= lr · grad`, as the lecture). */
  momentum?: number | undefined;
  /** L2 penalty added to the gradient (default 0). */
  weightDecay?: number | undefined;
}

/**
 * Stochastic gradient descent, PyTorch's `torch.optim.SGD`: with `momentum` μ > 0 it keeps
 * `b = μ b + g` (b = g on the first step) and steps `p -= lr · b`; without, the lecture's
 * `p.data += -lr * p.grad`.
 *
 * @example
 * ```ts
 * const opt = new SGD(model.namedParameters(), { lr: 0.1 });
 * loss.backward();
 * opt.step();
 * opt.zeroGrad();
 * ```
 */
export class SGD extends Optimizer {
  /** `'sgd'`. */
  readonly type = 'sgd';
  /** See {@link SGDOptions.momentum}. */
  readonly momentum: number;
  /** See {@link SGDOptions.weightDecay}. */
  readonly weightDecay: number;

  /** Creates the optimizer. */
  constructor(parameters: Iterable<NamedParameter>, options: SGDOptions) {
    super(parameters, options.lr);
    this.momentum = options.momentum ?? 0;
    this.weightDecay = options.weightDecay ?? 0;
    assertRate('weightDecay', this.weightDecay, true);
    if (!(this.momentum >= 0 && this.momentum < 1)) {
      throw new NnError('BAD_ARGUMENT', `SGD: momentum must be in [0, 1), got ${this.momentum}.`);
    }
  }

  /** One update. */
  step(): void {
    noGrad(() => {
      for (const [name, p] of this.parameters) {
        const grad = p.grad;
        if (!grad) continue;
        tidy(() => {
          const g = this.weightDecay === 0 ? grad : grad.add(p.mul(this.weightDecay));
          if (this.momentum === 0) {
            p.sub_(g, this.lr);
            return;
          }
          const b = this.buffer('momentum', name, p);
          if (this.stepCount === 0) b.copy_(g);
          else b.mul_(this.momentum).add_(g);
          p.sub_(b, this.lr);
        });
      }
    });
    this.stepCount++;
  }

  protected hyperparameters(): Record<string, number> {
    return { momentum: this.momentum, weightDecay: this.weightDecay };
  }
}
