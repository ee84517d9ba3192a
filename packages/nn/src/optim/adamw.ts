import { adamwUpdate_, noGrad } from '@makemore/tensor';
import { NnError } from '../nn-error.js';
import { assertRate, type NamedParameter, Optimizer } from './optimizer.js';

/** Options of {@link AdamW}; the defaults are makemore's. */
export interface AdamWOptions {
  /** Learning rate (makemore: 5e-4). */
  lr: number;
  /** Decay rates of the first and second moment (makemore: 0.9, 0.99). */
  betas?: readonly [number, number] | undefined;
  /** Added to the denominator (default 1e-8). */
  eps?: number | undefined;
  /** Decoupled weight decay (makemore: 0.01), applied to every parameter as makemore does. */
  weightDecay?: number | undefined;
}

/**
 * Adam with decoupled weight decay, exactly PyTorch's `torch.optim.AdamW` step:
 * `p *= 1 - lr·wd`; `m = β1 m + (1-β1) g`; `v = β2 v + (1-β2) g²`;
 * `p -= lr/(1-β1^t) · m / (√v/√(1-β2^t) + eps)`. makemore builds it with betas (0.9, 0.99),
 * eps 1e-8 and weight decay 0.01 on all parameters.
 *
 * @example
 * ```ts
 * const opt = new AdamW(model.namedParameters(), { lr: 5e-4, weightDecay: 0.01 });
 * ```
 */
export class AdamW extends Optimizer {
  /** `'adamw'`. */
  readonly type = 'adamw';
  /** β1, β2. */
  readonly betas: readonly [number, number];
  /** See {@link AdamWOptions.eps}. */
  readonly eps: number;
  /** See {@link AdamWOptions.weightDecay}. */
  readonly weightDecay: number;

  /** Creates the optimizer. */
  constructor(parameters: Iterable<NamedParameter>, options: AdamWOptions) {
    super(parameters, options.lr);
    this.betas = options.betas ?? [0.9, 0.99];
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0.01;
    for (const b of this.betas) {
      if (!(b >= 0 && b < 1))
        throw new NnError('BAD_ARGUMENT', `AdamW: betas must be in [0, 1), got [${this.betas.join(', ')}].`);
    }
    assertRate('eps', this.eps);
    assertRate('weightDecay', this.weightDecay, true);
  }

  /** One update. */
  step(): void {
    const t = this.stepCount + 1;
    const [b1, b2] = this.betas;
    const stepSize = this.lr / (1 - b1 ** t);
    const bc2Sqrt = Math.sqrt(1 - b2 ** t);
    const scalars = {
      decay: 1 - this.lr * this.weightDecay,
      beta1: b1,
      beta2: b2,
      stepSize,
      bc2Sqrt,
      eps: this.eps,
    };
    noGrad(() => {
      for (const [name, p] of this.parameters) {
        const g = p.grad;
        if (!g) continue;
        // One fused update per parameter where the backend has it (no temporaries), else composed.
        adamwUpdate_(p, g, this.buffer('exp_avg', name, p), this.buffer('exp_avg_sq', name, p), scalars);
      }
    });
    this.stepCount = t;
  }

  protected hyperparameters(): Record<string, number> {
    return { beta1: this.betas[0], beta2: this.betas[1], eps: this.eps, weightDecay: this.weightDecay };
  }
}
