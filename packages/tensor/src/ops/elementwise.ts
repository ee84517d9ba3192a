import type { BinaryFn, BinaryFnName, UnaryFn, UnaryFnName } from '../backend.js';
import { type DType, promoteTypes } from '../dtype.js';
import { ENGINE } from '../engine.js';
import { broadcastShapes } from '../shape.js';
import type { Tensor } from '../tensor.js';
import type { BinaryOpName, UnaryOpName } from './attrs.js';
import type { BackwardRule, NoAttrs, OpDef } from './types.js';

// Each elementwise op is one entry: its scalar function (the definition every backend can fall back
// to) and its backward rule, written with other ops. Its gradcheck domain lives in
// test-support/domains.ts, which the compiler also forces to be total.

const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
const GELU_C = 0.044715;

/** GELU, tanh approximation (as in makemore and GPT-2). */
export function geluScalar(x: number): number {
  return 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + GELU_C * x * x * x)));
}

/** Derivative of {@link geluScalar}. */
export function geluDerivScalar(x: number): number {
  const t = Math.tanh(SQRT_2_OVER_PI * (x + GELU_C * x * x * x));
  return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * SQRT_2_OVER_PI * (1 + 3 * GELU_C * x * x);
}

/** Whether an int32 input turns into float32 (exp of an int is not an int). */
type IntPolicy = 'toFloat' | 'keep';

function unary(
  name: UnaryFnName,
  fn: (x: number) => number,
  ints: IntPolicy,
  backward: BackwardRule<NoAttrs> | null,
): OpDef<NoAttrs> {
  const f: UnaryFn = { name, fn };
  return {
    forward([x], _attrs, ctx) {
      const dtype: DType = ints === 'toFloat' && x!.dtype === 'int32' ? 'float32' : x!.dtype;
      const out = ctx.empty(x!.shape, dtype);
      ctx.backend.kernels.unary(x!, out, f);
      return out;
    },
    backward,
  };
}

/** The unary elementwise ops. */
export const UNARY_OPS: Record<UnaryOpName, OpDef<NoAttrs>> = {
  neg: unary(
    'neg',
    (x) => -x,
    'keep',
    (dy) => [dy.neg()],
  ),
  exp: unary('exp', Math.exp, 'toFloat', (dy, { output }) => [dy.mul(output)]),
  log: unary('log', Math.log, 'toFloat', (dy, { inputs }) => [dy.div(inputs[0]!)]),
  sqrt: unary('sqrt', Math.sqrt, 'toFloat', (dy, { output }) => [dy.div(output.mul(2))]),
  tanh: unary('tanh', Math.tanh, 'toFloat', (dy, { output }) => [binaryGrad('tanhGrad', dy, output)]),
  sigmoid: unary(
    'sigmoid',
    (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
    'toFloat',
    (dy, { output }) => [binaryGrad('sigmoidGrad', dy, output)],
  ),
  relu: unary(
    'relu',
    (x) => Math.max(x, 0),
    'keep',
    (dy, { inputs }) => [binaryGrad('reluGrad', dy, inputs[0]!)],
  ),
  gelu: unary('gelu', geluScalar, 'toFloat', (dy, { inputs }) => [binaryGrad('geluGrad', dy, inputs[0]!)]),
  abs: unary('abs', Math.abs, 'keep', (dy, { inputs }) => [dy.mul(inputs[0]!.sign())]),
  sign: unary('sign', (x) => (x > 0 ? 1 : x < 0 ? -1 : 0), 'keep', null),
};

/** How a binary op picks its result dtype. */
type ResultType = 'promote' | 'float';

function binary(
  name: BinaryFnName,
  fn: (a: number, b: number) => number,
  result: ResultType,
  backward: BackwardRule<NoAttrs> | null,
): OpDef<NoAttrs> {
  const f: BinaryFn = { name, fn };
  return {
    forward([a, b], _attrs, ctx) {
      const shape = broadcastShapes(name, a!.shape, b!.shape);
      let dtype = promoteTypes(a!.dtype, b!.dtype);
      if (result === 'float' && dtype === 'int32') dtype = 'float32';
      const out = ctx.empty(shape, dtype);
      ctx.backend.kernels.binary(a!, b!, out, f);
      return out;
    },
    backward,
  };
}

/** Runs one of the fused, non-differentiable gradient helpers (e.g. `dy * (1 - y²)` for tanh). */
function binaryGrad(
  name: 'tanhGrad' | 'sigmoidGrad' | 'reluGrad' | 'geluGrad',
  dy: Tensor,
  x: Tensor,
): Tensor {
  return ENGINE.run(name, [dy, x], {});
}

/** The binary elementwise ops (all broadcast). */
export const BINARY_OPS: Record<BinaryOpName, OpDef<NoAttrs>> = {
  add: binary(
    'add',
    (a, b) => a + b,
    'promote',
    (dy) => [dy, dy],
  ),
  sub: binary(
    'sub',
    (a, b) => a - b,
    'promote',
    (dy, { needsGrad }) => [dy, needsGrad[1] ? dy.neg() : null],
  ),
  mul: binary(
    'mul',
    (a, b) => a * b,
    'promote',
    (dy, { inputs, needsGrad }) => [
      needsGrad[0] ? dy.mul(inputs[1]!) : null,
      needsGrad[1] ? dy.mul(inputs[0]!) : null,
    ],
  ),
  div: binary(
    'div',
    (a, b) => a / b,
    'float',
    (dy, { inputs, output, needsGrad }) => [
      needsGrad[0] ? dy.div(inputs[1]!) : null,
      // d(a/b)/db = -a/b² = -out/b
      needsGrad[1] ? dy.mul(output).div(inputs[1]!).neg() : null,
    ],
  ),
  pow: binary('pow', Math.pow, 'promote', (dy, { inputs, output, needsGrad }) => {
    const [a, b] = inputs as [Tensor, Tensor];
    return [
      needsGrad[0] ? dy.mul(b).mul(a.pow(b.sub(1))) : null,
      needsGrad[1] ? dy.mul(output).mul(a.log()) : null,
    ];
  }),
  eq: binary('eq', (a, b) => (a === b ? 1 : 0), 'promote', null),
  ne: binary('ne', (a, b) => (a !== b ? 1 : 0), 'promote', null),
  gt: binary('gt', (a, b) => (a > b ? 1 : 0), 'promote', null),
  ge: binary('ge', (a, b) => (a >= b ? 1 : 0), 'promote', null),
  lt: binary('lt', (a, b) => (a < b ? 1 : 0), 'promote', null),
  le: binary('le', (a, b) => (a <= b ? 1 : 0), 'promote', null),
  tanhGrad: binary('tanhGrad', (dy, y) => dy * (1 - y * y), 'promote', null),
  sigmoidGrad: binary('sigmoidGrad', (dy, y) => dy * y * (1 - y), 'promote', null),
  reluGrad: binary('reluGrad', (dy, x) => (x > 0 ? dy : 0), 'promote', null),
  geluGrad: binary('geluGrad', (dy, x) => dy * geluDerivScalar(x), 'promote', null),
};
