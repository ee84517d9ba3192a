import type { Backend, LstmKernels, TensorInfo } from '../backend.js';
import { isFloat } from '../dtype.js';
import { ENGINE } from '../engine.js';
import { fmtShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import type { NoAttrs, OpDef } from './types.js';

// The LSTM cell's gate arithmetic as two ops, as PyTorch's fused CUDA cell: from the gates (B, 4H)
// (i, f, g, o) and c (B, H), `lstmCellState` is c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g) and `lstmCellOutput`
// is h = σ(o) ⊙ tanh(c'). Composed, a step was four gate slices, three sigmoids, two tanhs, three
// muls and an add forward, and their gradients plus four full-size unslices backward.
//
// Each backward is one kernel with two results (∂L/∂gates and ∂L/∂c), which an op cannot return, so
// the rules call the kernels themselves; they run under the engine's noGrad, as every rule does.

/**
 * Checks that `gates` is `[B, 4H]` and `c` is `[B, H]`, both of one floating dtype, and returns H.
 * Shared by the fused ops and the composed cell, so that both refuse the same operands alike.
 */
export function lstmHiddenSize(op: string, gates: Tensor, c: Tensor): number {
  const [B, H4] = gates.shape;
  if (gates.ndim !== 2 || H4! % 4 !== 0 || H4 === 0) {
    throw new Error(`${op}: expected gates of shape [B, 4H], got ${fmtShape(gates.shape)}.`);
  }
  const H = H4! / 4;
  if (c.ndim !== 2 || c.shape[0] !== B || c.shape[1] !== H) {
    throw new Error(
      `${op}: expected c of shape [${B}, ${H}] for gates ${fmtShape(gates.shape)}, got ${fmtShape(c.shape)}.`,
    );
  }
  if (!isFloat(gates.dtype) || c.dtype !== gates.dtype) {
    throw new Error(`${op}: gates and c must share one floating dtype, got ${gates.dtype} and ${c.dtype}.`);
  }
  return H;
}

/** The backend's fused LSTM kernels; the ops only run where they exist (see `lstmCell`). */
function kernelsOf(op: string, backend: Backend): LstmKernels {
  const k = backend.kernels.lstm;
  if (!k) throw new Error(`${op}: the ${backend.name} backend has no fused LSTM kernels.`);
  return k;
}

/**
 * Runs a gradient kernel that writes ∂L/∂gates and ∂L/∂c into fresh tensors (∂L/∂c only when
 * `wantDc`), timed in the op profile under `name` as the engine times an op.
 */
function gateGrads(
  name: string,
  gates: Tensor,
  c: Tensor,
  wantDc: boolean,
  kernel: (k: LstmKernels, dGates: TensorInfo, dc: TensorInfo | null) => void,
): [Tensor, Tensor | null] {
  const started = ENGINE.profiler ? performance.now() : 0;
  const backend = gates.backend;
  const dGates = ENGINE.makeTensor(gates.shape, gates.dtype, backend);
  const dc = wantDc ? ENGINE.makeTensor(c.shape, c.dtype, backend) : null;
  kernel(kernelsOf(name, backend), dGates, dc);
  ENGINE.recordOp(name, started);
  return [dGates, dc];
}

/** A forward that checks the operands and runs `kernel` into a fresh `[B, H]` output. */
function fusedForward(
  op: string,
  kernel: (k: LstmKernels, gates: TensorInfo, c: TensorInfo, out: TensorInfo) => void,
): OpDef<NoAttrs>['forward'] {
  return ([gates, c], _attrs, ctx) => {
    lstmHiddenSize(op, gates!, c!);
    const out = ctx.empty(c!.shape, c!.dtype);
    kernel(kernelsOf(op, ctx.backend), gates!, c!, out);
    return out;
  };
}

/** The fused LSTM cell ops (forward one kernel each; backward one kernel each). */
export const LSTM_OPS: {
  lstmCellState: OpDef<NoAttrs>;
  lstmCellOutput: OpDef<NoAttrs>;
} = {
  lstmCellState: {
    forward: fusedForward('lstmCellState', (k, gates, c, out) => k.cellState(gates, c, out)),
    backward(dy, { inputs, needsGrad }) {
      const [gates, c] = inputs as [Tensor, Tensor];
      return gateGrads('lstmCellStateBackward', gates, c, needsGrad[1]!, (k, dGates, dc) =>
        k.cellStateGrad(gates, c, dy, dGates, dc),
      );
    },
  },
  lstmCellOutput: {
    forward: fusedForward('lstmCellOutput', (k, gates, cNext, out) => k.cellOutput(gates, cNext, out)),
    backward(dy, { inputs }) {
      const [gates, cNext] = inputs as [Tensor, Tensor];
      // ∂L/∂c' is always computed: the kernel gets it from the same σ(o) and tanh(c') as ∂L/∂o.
      return gateGrads('lstmCellOutputBackward', gates, cNext, true, (k, dGates, dc) =>
        k.cellOutputGrad(gates, cNext, dy, dGates, dc!),
      );
    },
  },
};
