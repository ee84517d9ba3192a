import { Embedding, GRUCell, Linear, type Module, type RecurrentCell, RNNCell } from '@makemore/nn';
import { stack, type Tensor, tidy, zeros } from '@makemore/tensor';
import { CharModel } from '../char-model.js';
import type { HyperparameterValues, ModelContext, ModelEntry } from '../model-entry.js';
import { MAKEMORE_RECIPE } from './recipes.js';
import { positiveInteger, SEQUENCE_BLOCK_SIZE } from './shared-hyperparameters.js';

/** Which recurrent cell a {@link RecurrentModel} runs. */
export type CellType = 'rnn' | 'gru';

/** Hyperparameters of makemore's `RNN` class, whichever cell it runs (rnn, gru, lstm). */
export const recurrentHyperparameters = {
  blockSize: SEQUENCE_BLOCK_SIZE,
  nEmbd: positiveInteger(64),
  nEmbd2: positiveInteger(64),
} as const;

/** The hyperparameters of {@link rnn}, {@link gru} and {@link lstm}: `blockSize`, `nEmbd`, `nEmbd2`. */
export type RecurrentHyperparameters = HyperparameterValues<typeof recurrentHyperparameters>;

/** A cell that carries a state of type `S` from one step to the next. */
export interface SteppingCell<S> extends Module {
  /** The state after reading `x (B, nEmbd)` in state `state`. */
  step(x: Tensor, state: S): S;
}

/**
 * makemore's `RNN` class, whichever cell it unrolls: token embeddings `wte`, a learned start state
 * `start (1, nEmbd2)`, a `cell` unrolled over the sequence with state `S`, and a linear head `lm_head`
 * on every hidden state. {@link RecurrentModel} (vanilla RNN, GRU) and {@link LSTMModel} fill in the cell.
 */
export abstract class RecurrentNetwork<S, C extends SteppingCell<S>> extends CharModel {
  /** Reads makemore's sequences. */
  readonly dataFormat = 'sequence' as const;
  /** The starting hidden state `(1, nEmbd2)`. */
  readonly start: Tensor;
  /** Token embeddings `(V, nEmbd)`. */
  readonly wte: Embedding;
  /** The recurrent cell. */
  readonly cell: C;
  /** Hidden state → logits. */
  readonly lmHead: Linear;

  /**
   * Creates the model, drawing `wte`, then the cell, then `lm_head`, as makemore's `RNN` does.
   *
   * @param h - the hyperparameters
   * @param context - vocabulary size, generator and dtype
   * @param makeCell - builds the cell from `nEmbd` inputs to `nEmbd2` hidden units
   */
  constructor(
    h: RecurrentHyperparameters,
    context: ModelContext,
    makeCell: (nEmbd: number, nEmbd2: number, opts: Pick<ModelContext, 'generator' | 'dtype'>) => C,
  ) {
    super(context.vocabSize, h.blockSize);
    const opts = { generator: context.generator, dtype: context.dtype };
    this.start = this.addParameter('start', zeros([1, h.nEmbd2], { dtype: context.dtype ?? 'float32' }));
    this.wte = this.addModule('wte', new Embedding(context.vocabSize, h.nEmbd, opts));
    this.cell = this.addModule('cell', makeCell(h.nEmbd, h.nEmbd2, opts));
    this.lmHead = this.addModule(
      'lm_head',
      new Linear(h.nEmbd2, context.vocabSize, { ...opts, init: 'pytorch' }),
    );
  }

  /** The cell's first state, from the start hidden state `h₀ (B, nEmbd2)`. */
  protected abstract initialState(h0: Tensor): S;

  /** The hidden state `(B, nEmbd2)` that the head reads from a cell state. */
  protected abstract hiddenOf(state: S): Tensor;

  /** `X (B, T)` → `(B, T, V)`. */
  logits(x: Tensor): Tensor {
    return tidy(() => {
      const [B, T] = x.shape as [number, number];
      let state = this.initialState(this.start.expand(B, -1)); // h₀ (B, nEmbd2)
      const hiddens: Tensor[] = [];
      for (let t = 0; t < T; t++) {
        // Embedding each step's ids, rather than slicing step t out of a (B, T, nEmbd) embedding,
        // sends each step's gradient straight to wte: a slice's gradient is a full (B, T, nEmbd)
        // tensor, and summing T of them made the backward pass grow with T².
        state = this.cell.step(this.wte.forward(x.select(1, t)), state); // x_t (B, nEmbd)
        hiddens.push(this.hiddenOf(state));
      }
      return this.lmHead.forward(stack(hiddens, 1)); // (B, T, V)
    });
  }
}

/**
 * makemore's `RNN` class with a vanilla RNN or a GRU cell, whose state is the hidden state itself.
 */
export class RecurrentModel extends RecurrentNetwork<Tensor, RecurrentCell> {
  /** `'rnn'` or `'gru'`. */
  readonly name: CellType;

  /** Creates the model. */
  constructor(cellType: CellType, h: RecurrentHyperparameters, context: ModelContext) {
    super(h, context, (nEmbd, nEmbd2, opts) =>
      cellType === 'rnn' ? new RNNCell(nEmbd, nEmbd2, opts) : new GRUCell(nEmbd, nEmbd2, opts),
    );
    this.name = cellType;
  }

  /** The start state is the first hidden state. */
  protected initialState(h0: Tensor): Tensor {
    return h0;
  }

  /** The state is the hidden state. */
  protected hiddenOf(state: Tensor): Tensor {
    return state;
  }
}

/**
 * The registry entry of makemore's `RNN` class with the cell `cellType`, whose gates each hold
 * `(nEmbd + nEmbd2) · nEmbd2` weights and `nEmbd2` biases (one gate for the RNN, three for the GRU).
 */
function recurrentEntry(cellType: CellType): ModelEntry<RecurrentHyperparameters> {
  const gates = cellType === 'rnn' ? 1 : 3;
  return {
    name: cellType,
    dataFormat: 'sequence',
    hyperparameters: recurrentHyperparameters,
    recipe: MAKEMORE_RECIPE,
    // start, wte, the gates, lm_head.
    parameterCount: ({ nEmbd: e, nEmbd2: e2 }, V) => e2 + V * e + gates * ((e + e2) * e2 + e2) + e2 * V + V,
    create: (h, context) => new RecurrentModel(cellType, h, context),
  };
}

/** Registry entry of the vanilla RNN. */
export const rnn: ModelEntry<RecurrentHyperparameters> = recurrentEntry('rnn');

/** Registry entry of the GRU. */
export const gru: ModelEntry<RecurrentHyperparameters> = recurrentEntry('gru');
