import { ENGINE } from './engine.js';
import { lstmHiddenSize } from './ops/lstm.js';
import type { Tensor } from './tensor.js';

/**
 * The two states an LSTM cell step produces (see {@link lstmCell}). A type rather than an interface,
 * so that `tidy` can return it.
 */
export type LstmCellResult = {
  /** The hidden state `σ(o) ⊙ tanh(c')`, `[B, H]`. */
  h: Tensor;
  /** The cell state `c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g)`, `[B, H]`. */
  c: Tensor;
};

/**
 * The gate arithmetic of one `torch.nn.LSTMCell` step: from the gate pre-activations `gates`
 * `[B, 4H]` (input, forget, cell and output gates side by side, PyTorch's i, f, g, o order) and the
 * cell state `c` `[B, H]`, the new cell state `c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g)` and hidden state
 * `h = σ(o) ⊙ tanh(c')`. Two fused ops where the backend has the LSTM kernels (the CPU backend does),
 * each with a one-kernel gradient; else the same arithmetic composed from slices and elementwise ops.
 * Differentiable with respect to both inputs.
 *
 * @example
 * ```ts
 * const gates = zeros([2, 4 * 3]); // every gate half open: σ(0) = 0.5, tanh(0) = 0
 * const { h, c } = lstmCell(gates, ones([2, 3]));
 * c.tolist(); // [[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]]: σ(f) · 1 + σ(i) · 0
 * h.shape; // [2, 3]
 * h.dataSync()[0]; // ≈ 0.231, σ(o) · tanh(c') = 0.5 · tanh(0.5)
 * ```
 */
export function lstmCell(gates: Tensor, c: Tensor): LstmCellResult {
  if (!gates.backend.kernels.lstm) return composedLstmCell(gates, c);
  // Checked here too, so that a bad operand gets the same message with or without the kernels.
  lstmHiddenSize('lstmCell', gates, c);
  const cNext = ENGINE.run('lstmCellState', [gates, c], {});
  return { h: ENGINE.run('lstmCellOutput', [gates, cNext], {}), c: cNext };
}

/**
 * {@link lstmCell} composed from ordinary ops, for backends without the fused kernels (and, in tests,
 * as the reference the fused ops are checked against).
 */
export function composedLstmCell(gates: Tensor, c: Tensor): LstmCellResult {
  const H = lstmHiddenSize('lstmCell', gates, c);
  return ENGINE.tidy(() => {
    const [i, f, g, o] = gates.split(H, 1) as [Tensor, Tensor, Tensor, Tensor];
    const cNext = f.sigmoid().mul(c).add(i.sigmoid().mul(g.tanh()));
    return { h: o.sigmoid().mul(cNext.tanh()), c: cNext };
  });
}
