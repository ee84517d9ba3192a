import { Embedding, Linear, LSTMCell, type LSTMState } from '@makemore/nn';
import { stack, type Tensor, tidy, zeros } from '@makemore/tensor';
import { CharModel } from '../char-model.js';
import type { Hyperparameters, ModelContext, ModelEntry } from '../model-entry.js';
import { MAKEMORE_RECIPE, recurrentHyperparameters } from './recurrent.js';

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
export class LSTMModel extends CharModel {
  /** `'lstm'`. */
  readonly name = 'lstm';
  /** Reads makemore's sequences. */
  readonly dataFormat = 'sequence' as const;
  /** The starting hidden state `h₀ (1, nEmbd2)`; the cell state starts at zeros. */
  readonly start: Tensor;
  /** Token embeddings `(V, nEmbd)`. */
  readonly wte: Embedding;
  /** The LSTM cell. */
  readonly cell: LSTMCell;
  /** Hidden state → logits. */
  readonly lmHead: Linear;

  /** Creates the model. */
  constructor(h: Hyperparameters, context: ModelContext) {
    super(context.vocabSize, h['blockSize']!);
    const nEmbd = h['nEmbd']!;
    const nEmbd2 = h['nEmbd2']!;
    const opts = { generator: context.generator, dtype: context.dtype };
    this.start = this.addParameter('start', zeros([1, nEmbd2], { dtype: context.dtype ?? 'float32' }));
    this.wte = this.addModule('wte', new Embedding(context.vocabSize, nEmbd, opts));
    this.cell = this.addModule('cell', new LSTMCell(nEmbd, nEmbd2, opts));
    this.lmHead = this.addModule(
      'lm_head',
      new Linear(nEmbd2, context.vocabSize, { ...opts, init: 'pytorch' }),
    );
  }

  /** `X (B, T)` → `(B, T, V)`. */
  logits(x: Tensor): Tensor {
    return tidy(() => {
      const [B, T] = x.shape as [number, number];
      const h = this.start.expand(B, -1); // (B, nEmbd2)
      let state: LSTMState = { h, c: zeros(h.shape, { dtype: h.dtype, device: h.backend }) };
      const hiddens: Tensor[] = [];
      for (let t = 0; t < T; t++) {
        // Each step's ids embedded on their own, as RecurrentModel does: the gradient of a slice of one
        // (B, T, nEmbd) embedding would be a full-size tensor per step.
        state = this.cell.step(this.wte.forward(x.select(1, t)), state);
        hiddens.push(state.h);
      }
      return this.lmHead.forward(stack(hiddens, 1)); // (B, T, V)
    });
  }
}

/** Registry entry of {@link LSTMModel}. */
export const lstm: ModelEntry = {
  name: 'lstm',
  title: 'Long short-term memory network (makemore RNN with an LSTM cell)',
  source: 'karpathy/makemore makemore.py, class RNN with torch.nn.LSTMCell; Hochreiter & Schmidhuber 1997',
  dataFormat: 'sequence',
  hyperparameters: recurrentHyperparameters,
  recipe: MAKEMORE_RECIPE,
  publishedParameterCounts: [],
  parameterCount: (h, V) => {
    const e = h['nEmbd']!;
    const e2 = h['nEmbd2']!;
    // start, wte, four gates' weight_ih, weight_hh and two biases, lm_head.
    return e2 + V * e + 4 * (e * e2 + e2 * e2 + 2 * e2) + e2 * V + V;
  },
  create: (h, context) => new LSTMModel(h, context),
};
