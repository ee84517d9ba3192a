import { BatchNorm1d } from '@makemore/nn';
import type { Tensor } from '@makemore/tensor';
import type { ModelContext, ModelEntry } from '../model-entry.js';
import { MLP, type MlpHyperparameters, mlp } from './mlp.js';

/**
 * The part-3 lecture's MLP: the part-2 architecture with the fixes of "Activations, Gradients,
 * BatchNorm": Kaiming init of `W1` (gain 5/3 for tanh), small `b1`, `W2 · 0.01` and `b2 = 0` so the
 * initial loss is near `-log(1/V)`, and a batch-normalisation layer before the tanh (with running
 * statistics for evaluation; momentum 0.001 as the lecture's `0.999 · running + 0.001 · batch`).
 * `b1` is kept, as the lecture printed 12,297 with it, though BatchNorm cancels it.
 */
export class MLPBatchNorm extends MLP {
  /** `'mlp-bn'`. */
  override readonly name = 'mlp-bn';
  /** The batch-normalisation layer (`bn.gamma`, `bn.beta`, running statistics). */
  readonly bn: BatchNorm1d;

  /** Creates the model. */
  constructor(h: MlpHyperparameters, context: ModelContext) {
    super(h, context, { W1: 'kaiming', b1: 0.01, W2: 0.01, b2: 0 });
    this.bn = this.addModule('bn', new BatchNorm1d(h.nHidden, { momentum: 0.001, dtype: context.dtype }));
  }

  /** BatchNorm, then tanh. */
  protected override activate(hpreact: Tensor): Tensor {
    return this.observe('bn', this.bn.forward(hpreact)).tanh();
  }
}

/** Registry entry of {@link MLPBatchNorm}: the part-2 MLP's entry (hyperparameters, recipe, data) with its own model. */
export const mlpBn: ModelEntry<MlpHyperparameters> = {
  ...mlp,
  name: 'mlp-bn',
  // The part-2 MLP's parameters plus BatchNorm's gain and bias.
  parameterCount: (h, V) => mlp.parameterCount(h, V) + 2 * h.nHidden,
  create: (h, context) => new MLPBatchNorm(h, context),
};
