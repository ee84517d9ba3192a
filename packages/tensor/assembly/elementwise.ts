import { mulAdd } from './madd';

// Elementwise float32 kernels, four lanes at a time. Every buffer the CPU backend hands out is a block
// of at least 64 bytes rounded up to 16, so a loop may run to `n` rounded up to 4: the extra lanes
// read and write the block's own padding.

/** Binary operation codes, in the order of `BINARY_CODES` on the JavaScript side. */
const ADD = 0;
const SUB = 1;
const MUL = 2;
const DIV = 3;
const TANH_GRAD = 4; // a · (1 − b²), b = tanh(x)
const SIGMOID_GRAD = 5; // a · b · (1 − b), b = σ(x)
const RELU_GRAD = 6; // b > 0 ? a : 0, b = x

@inline
function apply(op: i32, a: v128, b: v128): v128 {
  switch (op) {
    case ADD:
      return f32x4.add(a, b);
    case SUB:
      return f32x4.sub(a, b);
    case MUL:
      return f32x4.mul(a, b);
    case DIV:
      return f32x4.div(a, b);
    case TANH_GRAD:
      return f32x4.mul(a, f32x4.sub(f32x4.splat(1), f32x4.mul(b, b)));
    case SIGMOID_GRAD:
      return f32x4.mul(f32x4.mul(a, b), f32x4.sub(f32x4.splat(1), b));
    default:
      return v128.and(a, f32x4.gt(b, f32x4.splat(0)));
  }
}

@inline
function applyScalar(op: i32, a: f32, b: f32): f32 {
  switch (op) {
    case ADD:
      return a + b;
    case SUB:
      return a - b;
    case MUL:
      return a * b;
    case DIV:
      return a / b;
    case TANH_GRAD:
      return a * (1 - b * b);
    case SIGMOID_GRAD:
      return a * b * (1 - b);
    default:
      return b > 0 ? a : 0;
  }
}

/** out[i] = op(a[i], b[i]) for `n` floats. `out` may alias either input. */
export function binarySame(op: i32, a: usize, b: usize, out: usize, n: i32): void {
  const bytes = (<usize>n) << 2;
  // One loop per op keeps the switch out of the loop.
  if (op == ADD) for (let i: usize = 0; i < bytes; i += 16) v128.store(out + i, apply(ADD, v128.load(a + i), v128.load(b + i)));
  else if (op == SUB) for (let i: usize = 0; i < bytes; i += 16) v128.store(out + i, apply(SUB, v128.load(a + i), v128.load(b + i)));
  else if (op == MUL) for (let i: usize = 0; i < bytes; i += 16) v128.store(out + i, apply(MUL, v128.load(a + i), v128.load(b + i)));
  else if (op == DIV) for (let i: usize = 0; i < bytes; i += 16) v128.store(out + i, apply(DIV, v128.load(a + i), v128.load(b + i)));
  else if (op == TANH_GRAD) for (let i: usize = 0; i < bytes; i += 16) v128.store(out + i, apply(TANH_GRAD, v128.load(a + i), v128.load(b + i)));
  else if (op == SIGMOID_GRAD) for (let i: usize = 0; i < bytes; i += 16) v128.store(out + i, apply(SIGMOID_GRAD, v128.load(a + i), v128.load(b + i)));
  else for (let i: usize = 0; i < bytes; i += 16) v128.store(out + i, apply(RELU_GRAD, v128.load(a + i), v128.load(b + i)));
}

/**
 * out = op(full, part) over `outer` blocks of `inner` floats, where `part` either repeats as a row
 * (`row`: element r of each block pairs with part[r], a bias) or is constant over a block (else:
 * block k pairs with part[k % partLength], `x − max(x, keepdim)`). With `swapped` the broadcast
 * operand is the left one. `out` may alias `full`.
 */
export function binaryBroadcast(
  op: i32,
  full: usize,
  part: usize,
  out: usize,
  outer: i32,
  inner: i32,
  partLength: i32,
  row: bool,
  swapped: bool,
): void {
  const inner4 = inner & ~3;
  const rowBytes = (<usize>inner) << 2;
  for (let k = 0; k < outer; k++) {
    const f = full + <usize>k * rowBytes;
    const o = out + <usize>k * rowBytes;
    const c: f32 = row ? <f32>0 : load<f32>(part + ((<usize>(k % partLength)) << 2));
    const cv = f32x4.splat(c);
    let r = 0;
    for (; r < inner4; r += 4) {
      const at = (<usize>r) << 2;
      const x = v128.load(f + at);
      const y = row ? v128.load(part + at) : cv;
      v128.store(o + at, swapped ? apply(op, y, x) : apply(op, x, y));
    }
    for (; r < inner; r++) {
      const at = (<usize>r) << 2;
      const x = load<f32>(f + at);
      const y: f32 = row ? load<f32>(part + at) : c;
      store<f32>(o + at, swapped ? applyScalar(op, y, x) : applyScalar(op, x, y));
    }
  }
}

/** out[i] = a[i] + alpha · b[i] for `n` floats. `out` may alias `a`. */
export function axpy(a: usize, b: usize, alpha: f32, out: usize, n: i32): void {
  const bytes = (<usize>n) << 2;
  const al = f32x4.splat(alpha);
  for (let i: usize = 0; i < bytes; i += 16) {
    v128.store(out + i, f32x4.add(v128.load(a + i), f32x4.mul(al, v128.load(b + i))));
  }
}

// exp as Cephes' expf: x = n·ln2 + r with |r| ≤ ln2/2, e^r by a degree-6 polynomial, 2^n built in
// the exponent bits as two factors 2^(n>>1)·2^(n−(n>>1)), so that results near the float32 limits
// (down to denormals, up to 3.4e38) come out right. Within 2 ulp in the normal range.
const EXP_HI: f32 = 88.72283935546875; // ln(FLT_MAX): above it e^x is +∞ in float32
const EXP_LO: f32 = -103.97208404541016; // below it e^x rounds to 0 even as a denormal
const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const MAGIC: f32 = 12582912; // 1.5 · 2^23
const P0: f32 = 1.9875691500e-4;
const P1: f32 = 1.3981999507e-3;
const P2: f32 = 8.3334519073e-3;
const P3: f32 = 4.1665795894e-2;
const P4: f32 = 1.6666665459e-1;
const P5: f32 = 5.0000001201e-1;

/** 2^n for integer lanes n in [-126, 127], as float32 bits. */
@inline
function pow2(n: v128): v128 {
  return i32x4.shl(i32x4.add(n, i32x4.splat(127)), 23);
}

/** e^r for |r| ≤ ln2/2: Cephes' degree-6 polynomial. */
@inline
function expPolynomial(r: v128): v128 {
  let y = mulAdd(f32x4.splat(P0), r, f32x4.splat(P1));
  y = mulAdd(y, r, f32x4.splat(P2));
  y = mulAdd(y, r, f32x4.splat(P3));
  y = mulAdd(y, r, f32x4.splat(P4));
  y = mulAdd(y, r, f32x4.splat(P5));
  return f32x4.add(mulAdd(y, f32x4.mul(r, r), r), f32x4.splat(1));
}

/** e^v, four lanes (NaN in, NaN out; +∞ and −∞ in, +∞ and 0 out). */
@inline
export function exp4(v: v128): v128 {
  // pmin/pmax are single x86 instructions (min/max with wasm's NaN rules are several); NaN is
  // restored below anyway.
  const x = f32x4.pmin(f32x4.pmax(v, f32x4.splat(EXP_LO)), f32x4.splat(EXP_HI));
  // Adding 1.5·2^23 rounds x·log2(e) to a whole number n (in the low mantissa bits of t): cheaper than
  // `nearest`, and the same t gives n as an integer below without a conversion.
  const t = mulAdd(x, f32x4.splat(LOG2E), f32x4.splat(MAGIC));
  const fx = f32x4.sub(t, f32x4.splat(MAGIC));
  let r = mulAdd(fx, f32x4.splat(-LN2_HI), x);
  r = mulAdd(fx, f32x4.splat(-LN2_LO), r);
  const y = expPolynomial(r);
  // n is in [-150, 128]; as two factors 2^(n>>1)·2^(n−(n>>1)) each stays a normal float.
  const n = i32x4.sub(t, f32x4.splat(MAGIC));
  const half = i32x4.shr_s(n, 1);
  const result = f32x4.mul(f32x4.mul(y, pow2(half)), pow2(i32x4.sub(n, half)));
  // Past the clamps the float32 value is +∞ or 0; NaN stays NaN.
  const over = f32x4.gt(v, f32x4.splat(EXP_HI));
  const under = f32x4.lt(v, f32x4.splat(EXP_LO));
  const nan = f32x4.ne(v, v);
  let out = v128.bitselect(f32x4.splat(Infinity), result, over);
  out = v128.bitselect(f32x4.splat(0), out, under);
  return v128.bitselect(v, out, nan);
}

// Within a softmax row every input is x − max(x) ≤ 0 (or NaN), so the exp needs neither the overflow
// branch nor the two-factor scaling that keeps denormal results: below ln(FLT_MIN) it returns 0, where
// the result would be a denormal under 1.2e-38, which next to the row's largest term (1) is nothing.
const SHIFTED_LO: f32 = -87.33654475; // ln(FLT_MIN)

/** e^v for lanes v ≤ 0 (NaN in, NaN out; below ln(FLT_MIN), −∞ included, 0 out). */
@inline
export function expShifted4(v: v128): v128 {
  // pmax keeps a NaN v (its comparison is false), so NaN flows through to the result.
  const x = f32x4.pmax(v, f32x4.splat(SHIFTED_LO));
  const t = mulAdd(x, f32x4.splat(LOG2E), f32x4.splat(MAGIC));
  const fx = f32x4.sub(t, f32x4.splat(MAGIC));
  let r = mulAdd(fx, f32x4.splat(-LN2_HI), x);
  r = mulAdd(fx, f32x4.splat(-LN2_LO), r);
  const y = expPolynomial(r);
  // n ≥ −126 here, so 2^n is one normal factor.
  const result = f32x4.mul(y, pow2(i32x4.sub(t, f32x4.splat(MAGIC))));
  return v128.bitselect(f32x4.splat(0), result, f32x4.lt(v, f32x4.splat(SHIFTED_LO)));
}

/** y[i] = e^x[i] for `n` floats. `y` may alias `x`. */
export function exp(x: usize, y: usize, n: i32): void {
  const bytes = (<usize>n) << 2;
  for (let i: usize = 0; i < bytes; i += 16) v128.store(y + i, exp4(v128.load(x + i)));
}

/** 1 / (1 + e^−v), four lanes. */
@inline
export function sigmoid4(v: v128): v128 {
  const one = f32x4.splat(1);
  return f32x4.div(one, f32x4.add(one, exp4(f32x4.neg(v))));
}

/** y[i] = 1 / (1 + e^−x[i]) for `n` floats. `y` may alias `x`. */
export function sigmoid(x: usize, y: usize, n: i32): void {
  const bytes = (<usize>n) << 2;
  for (let i: usize = 0; i < bytes; i += 16) v128.store(y + i, sigmoid4(v128.load(x + i)));
}
