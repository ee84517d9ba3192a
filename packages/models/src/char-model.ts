import { crossEntropyLoss, Module } from '@makemore/nn';
import type { Tensor } from '@makemore/tensor';
import type { DataFormat } from './data-format.js';

/**
 * A character-level neural language model from the registry: a {@link Module} that maps int32 token
 * ids to next-token logits.
 *
 * - `'window'` models (bigram-nn, mlp, mlp-bn, wavenet) read `X (B, blockSize)` and give `(B, V)`;
 * - `'sequence'` models (rnn, gru, lstm, bow, transformer) read `X (B, T)` and give `(B, T, V)`,
 *   position `t` predicting token `t + 1` as makemore does.
 */
export abstract class CharModel extends Module {
  /** Registry name, e.g. `mlp`. */
  abstract readonly name: string;
  /** How the model reads its inputs. */
  abstract readonly dataFormat: DataFormat;

  /** Creates the model. */
  constructor(
    /** Number of tokens (`vocab.size`). */
    readonly vocabSize: number,
    /** Context length: the window of a window model, the longest sequence of a sequence model. */
    readonly blockSize: number,
  ) {
    super();
  }

  /** Next-token logits: `(B, V)` for window models, `(B, T, V)` for sequence models. */
  abstract logits(x: Tensor): Tensor;

  /**
   * The data term of the loss: mean cross-entropy of the logits against `y` (`(B)` or `(B, T)`,
   * where -1 marks padding to skip). Evaluation reports this.
   */
  nll(x: Tensor, y: Tensor): Tensor {
    const logits = this.logits(x);
    const loss = crossEntropyLoss(logits, y, { ignoreIndex: -1 });
    logits.dispose();
    return loss;
  }

  /** What training minimises: {@link CharModel.nll} plus any regularisation term the model defines. */
  loss(x: Tensor, y: Tensor): Tensor {
    return this.nll(x, y);
  }
}
