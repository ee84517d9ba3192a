import { cat, type Tensor, tidy } from '@makemore/tensor';
import type { InitOptions } from '../init.js';
import { Module } from '../module.js';
import { assertPositiveInteger, shapeError } from '../nn-error.js';
import { Linear } from './linear.js';

/** A recurrent cell: one step from `(x_t, h_{t-1})` to `h_t`. */
export interface RecurrentCell extends Module {
  /** Size of `x_t`. */
  readonly inputSize: number;
  /** Size of `h_t`. */
  readonly hiddenSize: number;
  /** `(B, inputSize)`, `(B, hiddenSize)` → `(B, hiddenSize)`. */
  step(x: Tensor, hPrev: Tensor): Tensor;
}

function checkInputs(cell: RecurrentCell, name: string, x: Tensor, h: Tensor): void {
  if (x.ndim !== 2 || x.shape[1] !== cell.inputSize)
    throw shapeError(name, `x (B, ${cell.inputSize})`, x.shape);
  if (h.ndim !== 2 || h.shape[1] !== cell.hiddenSize || h.shape[0] !== x.shape[0]) {
    throw shapeError(name, `h (${x.shape[0]}, ${cell.hiddenSize})`, h.shape);
  }
}

/**
 * makemore's `RNNCell`: `h_t = tanh(W [x_t, h_{t-1}] + b)` (one Linear `xh_to_h`, PyTorch init).
 *
 * @example
 * ```ts
 * const cell = new RNNCell(64, 64, { generator: new Generator(3407) });
 * const h1 = cell.step(x0, h0); // (B, 64)
 * ```
 */
export class RNNCell extends Module implements RecurrentCell {
  /** `[x, h]` → `h`. */
  readonly xhToH: Linear;

  /** Creates the cell. */
  constructor(
    readonly inputSize: number,
    readonly hiddenSize: number,
    options: InitOptions,
  ) {
    super();
    assertPositiveInteger('RNNCell: inputSize', inputSize);
    assertPositiveInteger('RNNCell: hiddenSize', hiddenSize);
    this.xhToH = this.addModule(
      'xh_to_h',
      new Linear(inputSize + hiddenSize, hiddenSize, { ...options, init: 'pytorch' }),
    );
  }

  /** One step. */
  step(x: Tensor, hPrev: Tensor): Tensor {
    checkInputs(this, 'RNNCell', x, hPrev);
    return tidy(() => this.xhToH.forward(cat([x, hPrev], 1)).tanh());
  }
}

/**
 * makemore's `GRUCell`: reset gate `r = σ(W_r [x, h])`, candidate `hbar = tanh(W_h [x, r ⊙ h])`,
 * update gate `z = σ(W_z [x, h])`, and `h_t = (1 - z) ⊙ h + z ⊙ hbar`.
 *
 * @example
 * ```ts
 * const cell = new GRUCell(64, 64, { generator: new Generator(3407) });
 * const h1 = cell.step(x0, h0); // (B, 64)
 * ```
 */
export class GRUCell extends Module implements RecurrentCell {
  /** Update gate. */
  readonly xhToZ: Linear;
  /** Reset gate. */
  readonly xhToR: Linear;
  /** Candidate state. */
  readonly xhToHbar: Linear;

  /** Creates the cell. */
  constructor(
    readonly inputSize: number,
    readonly hiddenSize: number,
    options: InitOptions,
  ) {
    super();
    assertPositiveInteger('GRUCell: inputSize', inputSize);
    assertPositiveInteger('GRUCell: hiddenSize', hiddenSize);
    const make = () => new Linear(inputSize + hiddenSize, hiddenSize, { ...options, init: 'pytorch' });
    this.xhToZ = this.addModule('xh_to_z', make());
    this.xhToR = this.addModule('xh_to_r', make());
    this.xhToHbar = this.addModule('xh_to_hbar', make());
  }

  /** One step. */
  step(x: Tensor, hPrev: Tensor): Tensor {
    checkInputs(this, 'GRUCell', x, hPrev);
    return tidy(() => {
      const xh = cat([x, hPrev], 1);
      const r = this.xhToR.forward(xh).sigmoid();
      const hbar = this.xhToHbar.forward(cat([x, r.mul(hPrev)], 1)).tanh();
      const z = this.xhToZ.forward(xh).sigmoid();
      return z.neg().add(1).mul(hPrev).add(z.mul(hbar));
    });
  }
}
