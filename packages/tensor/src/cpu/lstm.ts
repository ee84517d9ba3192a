import type { LstmKernels, TensorInfo } from '../backend.js';
import type { TypedArray } from '../dtype.js';
import { sigmoidScalar as sigmoid } from '../scalar-math.js';
import { vals } from './buffer.js';
import { useSimd } from './simd-gate.js';
import type { LstmPart, SimdKernels } from './wasm/simd.js';

// The fused LSTM cell on the CPU: wasm SIMD for float32 (assembly/lstm.ts), else these loops, for
// any float dtype. `gates` is (B, 4H) in PyTorch's i, f, g, o order, so unit j of row b reads gate
// k at `b·4H + k·H + j`; the states are (B, H). Each half of the cell (the new cell state, the hidden
// state from it) is one kernel forward and one backward.

/** A forward loop: gates, the state it reads, out, B, H. */
type ForwardLoop = (g: TypedArray, c: TypedArray, o: TypedArray, B: number, H: number) => void;

/** A gradient loop: gates, state, output gradient, ∂L/∂gates, ∂L/∂state (or null), B, H. */
type GradLoop = (
  g: TypedArray,
  c: TypedArray,
  d: TypedArray,
  dg: TypedArray,
  dc: TypedArray | null,
  B: number,
  H: number,
) => void;

/** c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g). */
const stateLoop: ForwardLoop = (gv, cv, o, B, H) => {
  for (let b = 0; b < B; b++) {
    for (let j = 0; j < H; j++) {
      const s = H * b + j;
      const gi = 4 * H * b + j;
      o[s] = sigmoid(gv[gi + H]!) * cv[s]! + sigmoid(gv[gi]!) * Math.tanh(gv[gi + 2 * H]!);
    }
  }
};

/** ∂L/∂gates (zero o columns) and, unless `dc` is null, ∂L/∂c = d ⊙ σ(f), from d = ∂L/∂c'. */
const stateGradLoop: GradLoop = (gv, cv, d, dg, dc, B, H) => {
  for (let b = 0; b < B; b++) {
    const g = 4 * H * b;
    dg.fill(0, g + 3 * H, g + 4 * H);
    for (let j = 0; j < H; j++) {
      const s = H * b + j;
      const i = sigmoid(gv[g + j]!);
      const f = sigmoid(gv[g + H + j]!);
      const t = Math.tanh(gv[g + 2 * H + j]!);
      const dv = d[s]!;
      dg[g + j] = dv * t * i * (1 - i);
      dg[g + H + j] = dv * cv[s]! * f * (1 - f);
      dg[g + 2 * H + j] = dv * i * (1 - t * t);
      if (dc) dc[s] = dv * f;
    }
  }
};

/** h = σ(o) ⊙ tanh(c'). */
const outputLoop: ForwardLoop = (gv, cv, o, B, H) => {
  for (let b = 0; b < B; b++) {
    const go = 4 * H * b + 3 * H;
    for (let j = 0; j < H; j++) o[H * b + j] = sigmoid(gv[go + j]!) * Math.tanh(cv[H * b + j]!);
  }
};

/** ∂L/∂gates (zero i, f and g columns) and ∂L/∂c' = d ⊙ σ(o) ⊙ (1 − tanh²(c')), from d = ∂L/∂h. */
const outputGradLoop: GradLoop = (gv, cv, d, dg, dc, B, H) => {
  for (let b = 0; b < B; b++) {
    const g = 4 * H * b;
    dg.fill(0, g, g + 3 * H);
    for (let j = 0; j < H; j++) {
      const s = H * b + j;
      const o = sigmoid(gv[g + 3 * H + j]!);
      const t = Math.tanh(cv[s]!);
      const dv = d[s]!;
      dg[g + 3 * H + j] = dv * t * o * (1 - o);
      dc![s] = dv * o * (1 - t * t);
    }
  }
};

const LOOPS: Record<LstmPart, { forward: ForwardLoop; grad: GradLoop }> = {
  state: { forward: stateLoop, grad: stateGradLoop },
  output: { forward: outputLoop, grad: outputGradLoop },
};

/** One half of the cell into `out` from the gates and the state `c` it reads. */
function forward(
  part: LstmPart,
  gates: TensorInfo,
  c: TensorInfo,
  out: TensorInfo,
  simd: SimdKernels | null,
): void {
  const [B, H] = c.shape as [number, number];
  const [gv, cv, o] = [vals(gates), vals(c), vals(out)];
  if (useSimd(simd, gv, cv, o))
    simd.lstmCell(part, gv as Float32Array, cv as Float32Array, o as Float32Array, B, H);
  else LOOPS[part].forward(gv, cv, o, B, H);
}

/** The gradient of {@link forward} from `d`, its output's gradient, into `dGates` and `dc` (unless null). */
function grad(
  part: LstmPart,
  gates: TensorInfo,
  c: TensorInfo,
  d: TensorInfo,
  dGates: TensorInfo,
  dc: TensorInfo | null,
  simd: SimdKernels | null,
): void {
  const [B, H] = c.shape as [number, number];
  const arrays = [vals(gates), vals(c), vals(d), vals(dGates)] as const;
  const dcv = dc ? vals(dc) : null;
  if (useSimd(simd, ...arrays, ...(dcv ? [dcv] : []))) {
    const [g, cv, dv, dg] = arrays as readonly Float32Array[];
    simd.lstmCellGrad(part, g!, cv!, dv!, dg!, dcv as Float32Array | null, B, H);
  } else LOOPS[part].grad(...arrays, dcv, B, H);
}

/** The CPU backend's fused LSTM cell kernels, in wasm where `simd` is given and takes the operands. */
export function lstmKernels(simd: SimdKernels | null): LstmKernels {
  return {
    cellState: (gates, c, out) => forward('state', gates, c, out, simd),
    cellStateGrad: (gates, c, dcNext, dGates, dc) => grad('state', gates, c, dcNext, dGates, dc, simd),
    cellOutput: (gates, cNext, out) => forward('output', gates, cNext, out, simd),
    cellOutputGrad: (gates, cNext, dh, dGates, dcNext) =>
      grad('output', gates, cNext, dh, dGates, dcNext, simd),
  };
}
