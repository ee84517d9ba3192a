import { LSTMCell, type LSTMState } from '@makemore/nn';
import { type Tensor, zeros } from '@makemore/tensor';
import type { ModelContext, ModelEntry } from '../model-entry.js';
import { MAKEMORE_RECIPE } from './recipes.js';
import { type RecurrentHyperparameters, RecurrentNetwork, recurrentHyperparameters } from './recurrent.js';

/**
 * makemore's `RNN` class with an LSTM cell (`torch.nn.LSTMCell`), which makemore.py leaves out: token
 * embeddings `wte`, a learned start state `start (1, nEmbd2)`, an {@link LSTMCell} `cell` unrolled over
 * the sequence, and a linear head `lm_head` on every hidden state.
 *
 * The learned `start` is the first hidden state `h₀`; the first cell state `c₀` is zeros, as
 * `torch.nn.LSTMCell` starts it when given none. A learned `h₀` already lets the model choose its
 * first gates, and one start vector keeps the parameters those of makemore's RNN (`start`, `wte`,
 * `cell.*`, `lm_head.*`).
 *
 * The cell's tensors load from `torch.nn.LSTMCell` as its documentation says (`cell.weight_ih` is
 * PyTorch's `weight_ih.T`, gates in i, f, g, o order).
 */
export class LSTMModel extends RecurrentNetwork<LSTMState, LSTMCell> {
  /** `'lstm'`. */
  readonly name = 'lstm';

  /** Creates the model. */
  constructor(h: RecurrentHyperparameters, context: ModelContext) {
    super(h, context, (nEmbd, nEmbd2, opts) => new LSTMCell(nEmbd, nEmbd2, opts));
  }

  /** `h₀` is the learned start, `c₀` zeros. */
  protected initialState(h0: Tensor): LSTMState {
    return { h: h0, c: zeros(h0.shape, { dtype: h0.dtype, device: h0.backend }) };
  }

  /** The head reads `h`. */
  protected hiddenOf(state: LSTMState): Tensor {
    return state.h;
  }
}

/** Registry entry of {@link LSTMModel}. */
export const lstm: ModelEntry<RecurrentHyperparameters> = {
  name: 'lstm',
  dataFormat: 'sequence',
  hyperparameters: recurrentHyperparameters,
  recipe: MAKEMORE_RECIPE,
  // start, wte, four gates' weight_ih, weight_hh and two biases, lm_head.
  parameterCount: ({ nEmbd: e, nEmbd2: e2 }, V) => e2 + V * e + 4 * (e * e2 + e2 * e2 + 2 * e2) + e2 * V + V,
  create: (h, context) => new LSTMModel(h, context),
};
