// The fused LSTM cell over gates (B, 4H) in PyTorch's i, f, g, o order and states (B, H), four hidden
// units at a time. A row's last H % 4 units go one lane at a time, so that no load or store crosses
// into the next gate's columns (H need not be a multiple of 4). Mirrors src/cpu/lstm.ts, the
// reference loops; σ and tanh are the ones the elementwise kernels use, so the fused cell rounds as
// the composed one does.
import { sigmoid4 } from './elementwise';
import { tanh4 } from './tanh';

// The per-unit bodies below (stateAt … outputGradAt) are functions, not inlined: inlined into the
// full and tail loops of both kernels they held about twenty copies of the σ and tanh polynomials,
// 11 kB of the module every page downloads; as calls, the module grew by 2.7 kB for the cell, at the
// cost of one call per four units.

/** σ of four lanes, the elementwise sigmoid kernel's, behind one call so the bodies below share one copy. */
function sigmoid(v: v128): v128 {
  return sigmoid4(v);
}

/** Four floats at `p`, or (in a row's tail) the one float at `p` in every lane. */
@inline
function load4(p: usize, full: bool): v128 {
  return full ? v128.load(p) : f32x4.splat(load<f32>(p));
}

/** Stores four lanes at `p`, or (in a row's tail) lane 0 only. */
@inline
function store4(p: usize, v: v128, full: bool): void {
  if (full) v128.store(p, v);
  else store<f32>(p, f32x4.extract_lane(v, 0));
}

/** `a · b · (1 − b)`: the sigmoid gradient from `b = σ(x)`. */
@inline
function sigmoidGrad4(a: v128, b: v128): v128 {
  return f32x4.mul(f32x4.mul(a, b), f32x4.sub(f32x4.splat(1), b));
}

/** `a · (1 − b²)`: the tanh gradient from `b = tanh(x)`. */
@inline
function tanhGrad4(a: v128, b: v128): v128 {
  return f32x4.mul(a, f32x4.sub(f32x4.splat(1), f32x4.mul(b, b)));
}

// Pointers below: `g` at gate i of one unit (f, g and o are `h` bytes apart), the others at the same
// unit of a (B, H) state.

function stateAt(g: usize, h: usize, c: usize, out: usize, full: bool): void {
  const i = sigmoid(load4(g, full));
  const f = sigmoid(load4(g + h, full));
  const t = tanh4(load4(g + 2 * h, full));
  store4(out, f32x4.add(f32x4.mul(f, load4(c, full)), f32x4.mul(i, t)), full);
}

function stateGradAt(g: usize, h: usize, c: usize, d: usize, dg: usize, dc: usize, hasDc: bool, full: bool): void {
  const i = sigmoid(load4(g, full));
  const f = sigmoid(load4(g + h, full));
  const t = tanh4(load4(g + 2 * h, full));
  const dv = load4(d, full);
  store4(dg, sigmoidGrad4(f32x4.mul(dv, t), i), full);
  store4(dg + h, sigmoidGrad4(f32x4.mul(dv, load4(c, full)), f), full);
  store4(dg + 2 * h, tanhGrad4(f32x4.mul(dv, i), t), full);
  if (hasDc) store4(dc, f32x4.mul(dv, f), full);
}

function outputAt(g: usize, h: usize, c: usize, out: usize, full: bool): void {
  store4(out, f32x4.mul(sigmoid(load4(g + 3 * h, full)), tanh4(load4(c, full))), full);
}

function outputGradAt(g: usize, h: usize, c: usize, d: usize, dg: usize, dc: usize, full: bool): void {
  const o = sigmoid(load4(g + 3 * h, full));
  const t = tanh4(load4(c, full));
  const dv = load4(d, full);
  store4(dg + 3 * h, sigmoidGrad4(f32x4.mul(dv, t), o), full);
  store4(dc, tanhGrad4(f32x4.mul(dv, o), t), full);
}

/** Which half of the cell a kernel runs; the JavaScript side (src/cpu/wasm/simd.ts) uses the same codes. */
const STATE = 0; // c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g)
// else OUTPUT = 1: h = σ(o) ⊙ tanh(c'), from the new cell state

@inline
function forwardAt(part: i32, g: usize, h: usize, c: usize, out: usize, full: bool): void {
  if (part == STATE) stateAt(g, h, c, out, full);
  else outputAt(g, h, c, out, full);
}

@inline
function gradAt(part: i32, g: usize, h: usize, c: usize, d: usize, dg: usize, dc: usize, hasDc: bool, full: bool): void {
  if (part == STATE) stateGradAt(g, h, c, d, dg, dc, hasDc, full);
  else outputGradAt(g, h, c, d, dg, dc, full);
}

/**
 * One half of the cell into `out` (B, H) from the gates and a state `c` (B, H): with `part` 0 the new
 * cell state c' = σ(f) ⊙ c + σ(i) ⊙ tanh(g); with 1 the hidden state h = σ(o) ⊙ tanh(c), `c` being c'.
 */
export function lstmCell(part: i32, gates: usize, c: usize, out: usize, B: i32, H: i32): void {
  const h = (<usize>H) << 2;
  for (let b = 0; b < B; b++) {
    const g = gates + 4 * h * <usize>b;
    const s = h * <usize>b;
    let j: usize = 0;
    for (; j + 16 <= h; j += 16) forwardAt(part, g + j, h, c + s + j, out + s + j, true);
    for (; j < h; j += 4) forwardAt(part, g + j, h, c + s + j, out + s + j, false);
  }
}

/**
 * Gradient of {@link lstmCell} from `d`, the gradient of its output (B, H): ∂L/∂gates into `dGates`
 * (B, 4H), zero in the columns the part does not read (o for the state, i, f and g for the output),
 * and the gradient with respect to `c` into `dc` (B, H): d ⊙ σ(f) for the state, when `hasDc`;
 * d ⊙ σ(o) ⊙ (1 − tanh²(c)) for the output, always.
 */
export function lstmCellGrad(
  part: i32,
  gates: usize,
  c: usize,
  d: usize,
  dGates: usize,
  dc: usize,
  B: i32,
  H: i32,
  hasDc: bool,
): void {
  const h = (<usize>H) << 2;
  for (let b = 0; b < B; b++) {
    const g = gates + 4 * h * <usize>b;
    const dg = dGates + 4 * h * <usize>b;
    const s = h * <usize>b;
    if (part == STATE) memory.fill(dg + 3 * h, 0, h);
    else memory.fill(dg, 0, 3 * h);
    let j: usize = 0;
    for (; j + 16 <= h; j += 16) gradAt(part, g + j, h, c + s + j, d + s + j, dg + j, dc + s + j, hasDc, true);
    for (; j < h; j += 4) gradAt(part, g + j, h, c + s + j, d + s + j, dg + j, dc + s + j, hasDc, false);
  }
}
