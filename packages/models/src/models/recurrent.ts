import { Embedding, GRUCell, Linear, type RecurrentCell, RNNCell } from '@makemore/nn';
import { stack, type Tensor, tidy, zeros } from '@makemore/tensor';
import { CharModel } from '../char-model.js';
import type { Hyperparameters, ModelContext, ModelEntry, TrainingRecipe } from '../model-entry.js';

/** Which recurrent cell a {@link RecurrentModel} runs. */
export type CellType = 'rnn' | 'gru';

/**
 * makemore's `RNN` class: token embeddings `wte`, a learned start state `start (1, nEmbd2)`, a cell
 * (vanilla RNN or GRU) unrolled over the sequence, and a linear head `lm_head` on every hidden state.
 */
export class RecurrentModel extends CharModel {
  /** `'rnn'` or `'gru'`. */
  readonly name: CellType;
  /** Reads makemore's sequences. */
  readonly dataFormat = 'sequence' as const;
  /** The starting hidden state `(1, nEmbd2)`. */
  readonly start: Tensor;
  /** Token embeddings `(V, nEmbd)`. */
  readonly wte: Embedding;
  /** The recurrent cell. */
  readonly cell: RecurrentCell;
  /** Hidden state → logits. */
  readonly lmHead: Linear;

  /** Creates the model. */
  constructor(cellType: CellType, h: Hyperparameters, context: ModelContext) {
    super(context.vocabSize, h['blockSize']!);
    this.name = cellType;
    const nEmbd = h['nEmbd']!;
    const nEmbd2 = h['nEmbd2']!;
    const opts = { generator: context.generator, dtype: context.dtype };
    this.start = this.addParameter('start', zeros([1, nEmbd2], { dtype: context.dtype ?? 'float32' }));
    this.wte = this.addModule('wte', new Embedding(context.vocabSize, nEmbd, opts));
    const cell = cellType === 'rnn' ? new RNNCell(nEmbd, nEmbd2, opts) : new GRUCell(nEmbd, nEmbd2, opts);
    this.cell = this.addModule('cell', cell);
    this.lmHead = this.addModule(
      'lm_head',
      new Linear(nEmbd2, context.vocabSize, { ...opts, init: 'pytorch' }),
    );
  }

  /** `X (B, T)` → `(B, T, V)`. */
  logits(x: Tensor): Tensor {
    return tidy(() => {
      const [B, T] = x.shape as [number, number];
      let h = this.start.expand(B, -1); // (B, nEmbd2)
      const hiddens: Tensor[] = [];
      for (let t = 0; t < T; t++) {
        // Embedding each step's ids, rather than slicing step t out of a (B, T, nEmbd) embedding,
        // sends each step's gradient straight to wte: a slice's gradient is a full (B, T, nEmbd)
        // tensor, and summing T of them made the backward pass grow with T².
        const xt = this.wte.forward(x.select(1, t)); // (B, nEmbd)
        h = this.cell.step(xt, h);
        hiddens.push(h);
      }
      return this.lmHead.forward(stack(hiddens, 1)); // (B, T, V)
    });
  }
}

const makemoreRecipe: TrainingRecipe = {
  optimizer: 'adamw',
  lr: 5e-4,
  lrDecayAt: null,
  lrDecayFactor: 0.1,
  steps: 20_000,
  batchSize: 32,
  weightDecay: 0.01,
  evalEvery: 500,
  // makemore.py's own split: with the default seed 3407, its very train and test sets.
  split: 'makemore-torch',
};

/** Hyperparameters of makemore's `RNN` class, whichever cell it runs (rnn, gru, lstm). */
export const recurrentHyperparameters = {
  blockSize: { default: 0, description: 'longest sequence; 0 = longest item + 1 (makemore)', type: 'int' },
  nEmbd: { default: 64, description: 'size of each token embedding', type: 'int' },
  nEmbd2: { default: 64, description: 'size of the hidden state', type: 'int' },
} as const;

function recurrentCount(cellType: CellType) {
  return (h: Hyperparameters, V: number): number => {
    const e = h['nEmbd']!;
    const e2 = h['nEmbd2']!;
    const gates = cellType === 'rnn' ? 1 : 3;
    return e2 + V * e + gates * ((e + e2) * e2 + e2) + e2 * V + V;
  };
}

/** Registry entry of the vanilla RNN. */
export const rnn: ModelEntry = {
  name: 'rnn',
  title: 'Vanilla recurrent network (makemore)',
  source: 'karpathy/makemore makemore.py, class RNN with RNNCell; Mikolov et al. 2010',
  dataFormat: 'sequence',
  hyperparameters: recurrentHyperparameters,
  recipe: makemoreRecipe,
  publishedParameterCounts: [],
  parameterCount: recurrentCount('rnn'),
  create: (h, context) => new RecurrentModel('rnn', h, context),
};

/** Registry entry of the GRU. */
export const gru: ModelEntry = {
  name: 'gru',
  title: 'Gated recurrent unit network (makemore)',
  source: 'karpathy/makemore makemore.py, class RNN with GRUCell; Cho et al. 2014',
  dataFormat: 'sequence',
  hyperparameters: recurrentHyperparameters,
  recipe: makemoreRecipe,
  publishedParameterCounts: [],
  parameterCount: recurrentCount('gru'),
  create: (h, context) => new RecurrentModel('gru', h, context),
};

/** makemore's training defaults, shared by rnn, gru, lstm, bow and transformer. */
export const MAKEMORE_RECIPE: Readonly<TrainingRecipe> = makemoreRecipe;
