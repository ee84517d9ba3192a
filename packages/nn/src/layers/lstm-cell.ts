import { lstmCell, type Tensor, tidy } from '@makemore/tensor';
import { type InitOptions, pytorchLinearUniform } from '../init.js';
import { Module } from '../module.js';
import { assertPositiveInteger, shapeError } from '../nn-error.js';

/** What an {@link LSTMCell} carries from one step to the next: the hidden state and the cell state. */
export interface LSTMState {
  /** Hidden state `(B, hiddenSize)`, the cell's output. */
  h: Tensor;
  /** Cell state `(B, hiddenSize)`, the memory the gates write to. */
  c: Tensor;
}

/**
 * `torch.nn.LSTMCell`: from `x (B, in)` and `(h, c)`, the gates
 * `[i, f, g, o] = x W_ih + b_ih + h W_hh + b_hh` (input, forget, cell, output; `σ` on i, f, o and
 * `tanh` on g), then `c' = f ⊙ c + i ⊙ g` and `h' = o ⊙ tanh(c')`.
 *
 * It carries two states, so it is not a `RecurrentCell` (whose `step` maps one state to one).
 *
 * **PyTorch mapping.** The tensors have `torch.nn.LSTMCell`'s names: `weight_ih`, `weight_hh`, `bias_ih`
 * and `bias_hh`, the four gates stacked in PyTorch's i, f, g, o order. As for every `Linear` here,
 * the 2-D weights are stored `(in, out)`, the transpose of PyTorch's: `weight_ih` is
 * `lstm_cell.weight_ih.T` `(in, 4·hidden)` and `weight_hh` is `lstm_cell.weight_hh.T`
 * `(hidden, 4·hidden)`; the biases are PyTorch's as they are. Every tensor starts `U(±1/√hidden)`, as
 * PyTorch initialises them.
 *
 * @example
 * ```ts
 * const cell = new LSTMCell(64, 64, { generator: new Generator(3407) });
 * const { h, c } = cell.step(x0, { h: h0, c: zeros([B, 64]) }); // each (B, 64)
 * ```
 */
export class LSTMCell extends Module {
  /** `(inputSize, 4·hiddenSize)`: input → gates i, f, g, o (PyTorch's `weight_ih.T`). */
  readonly weightIh: Tensor;
  /** `(hiddenSize, 4·hiddenSize)`: hidden state → gates (PyTorch's `weight_hh.T`). */
  readonly weightHh: Tensor;
  /** `(4·hiddenSize)`. */
  readonly biasIh: Tensor;
  /** `(4·hiddenSize)`; redundant with `biasIh`, kept so PyTorch's weights load one to one. */
  readonly biasHh: Tensor;

  /** Creates the cell. */
  constructor(
    /** Size of `x_t`. */
    readonly inputSize: number,
    /** Size of `h_t` and `c_t`. */
    readonly hiddenSize: number,
    options: InitOptions,
  ) {
    super();
    assertPositiveInteger('LSTMCell: inputSize', inputSize);
    assertPositiveInteger('LSTMCell: hiddenSize', hiddenSize);
    const gates = 4 * hiddenSize;
    // PyTorch's LSTMCell draws every tensor from U(±1/√hidden): a uniform with fan-in = hiddenSize.
    const init = (shape: number[]) => pytorchLinearUniform(shape, hiddenSize, options);
    this.weightIh = this.addParameter('weight_ih', init([inputSize, gates]));
    this.weightHh = this.addParameter('weight_hh', init([hiddenSize, gates]));
    this.biasIh = this.addParameter('bias_ih', init([gates]));
    this.biasHh = this.addParameter('bias_hh', init([gates]));
  }

  /** One step: `(B, inputSize)` and the previous `(h, c)` → the next `(h, c)`. */
  step(x: Tensor, state: LSTMState): LSTMState {
    if (x.ndim !== 2 || x.shape[1] !== this.inputSize)
      throw shapeError('LSTMCell', `x (B, ${this.inputSize})`, x.shape);
    const { h, c } = state;
    this.#checkState('h', h, x.shape[0]!);
    this.#checkState('c', c, x.shape[0]!);
    return tidy(() => {
      const gates = x.matmul(this.weightIh).add(this.biasIh).add(h.matmul(this.weightHh).add(this.biasHh));
      // The gate arithmetic in two fused ops (i, f, g, o order), where the backend has them.
      return lstmCell(gates, c);
    });
  }

  #checkState(name: string, s: Tensor, batch: number): void {
    if (s.ndim !== 2 || s.shape[0] !== batch || s.shape[1] !== this.hiddenSize)
      throw shapeError('LSTMCell', `${name} (${batch}, ${this.hiddenSize})`, s.shape);
  }
}
