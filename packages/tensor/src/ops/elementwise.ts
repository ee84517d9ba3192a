import type { BinaryFn, BinaryFnName, UnaryFn, UnaryFnName } from '../backend.js';
import { type DType, promoteTypes } from '../dtype.js';
import { ENGINE } from '../engine.js';
import { sigmoidScalar } from '../scalar-math.js';
import { broadcastShapes } from '../shape.js';
import type { Tensor } from '../tensor.js';
import type { BackwardRule, NoAttrs, OpDef } from './types.js';

// The elementwise ops are two tables, one entry per op: its scalar function (the definition of its
// values, which every backend's kernel must reproduce and the CPU falls back to), how it treats int32
// inputs, and its backward rule written with other ops. The op names, the kernel function names, the
// op definitions and the functions the in-place methods pass to kernels are all derived from these
// tables. An op's gradcheck domain lives in test-support/domains.ts, which the compiler forces to be
// total, and the Tensor method of a unary op is forced by `UnaryMethods` in tensor.ts.

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

/**
 * What a backward rule returns. The rules in the tables declare it rather than have it inferred:
 * the op names are the tables' keys, Tensor's own types mention those names, and inferring a rule's
 * result would need Tensor's types while the names are still being worked out (a circular type).
 */
type Grads = ReturnType<BackwardRule<NoAttrs>>;

/** One unary elementwise op. */
interface UnarySpec {
  /** The scalar definition of the op's values. */
  readonly fn: (x: number) => number;
  /** What an int32 input gives: float32 (`exp` of an int is not an int) or int32 again. */
  readonly ints: 'toFloat' | 'keep';
  /** The gradient rule, or null for an op without a gradient. */
  readonly backward: BackwardRule<NoAttrs> | null;
}

/** One binary elementwise op (all broadcast). */
interface BinarySpec {
  /** The scalar definition of the op's values. */
  readonly fn: (a: number, b: number) => number;
  /** The result dtype: the promoted one, or float32 where that would be int32 (true division). */
  readonly result: 'promote' | 'float';
  /** The gradient rule, or null for an op without a gradient. */
  readonly backward: BackwardRule<NoAttrs> | null;
}

/** Runs one of the fused, non-differentiable gradient helpers (e.g. `dy * (1 - y²)` for tanh). */
function binaryGrad(
  name: 'tanhGrad' | 'sigmoidGrad' | 'reluGrad' | 'geluGrad',
  dy: Tensor,
  x: Tensor,
): Tensor {
  return ENGINE.run(name, [dy, x], {});
}

const UNARY = {
  /** `-x`. */
  neg: { fn: (x) => -x, ints: 'keep', backward: (dy): Grads => [dy.neg()] },
  /** `e^x`. */
  exp: { fn: Math.exp, ints: 'toFloat', backward: (dy, { output }): Grads => [dy.mul(output)] },
  /** Natural log. */
  log: { fn: Math.log, ints: 'toFloat', backward: (dy, { inputs }): Grads => [dy.div(inputs[0]!)] },
  /** Square root. */
  sqrt: { fn: Math.sqrt, ints: 'toFloat', backward: (dy, { output }): Grads => [dy.div(output.mul(2))] },
  /** Hyperbolic tangent. */
  tanh: {
    fn: Math.tanh,
    ints: 'toFloat',
    backward: (dy, { output }): Grads => [binaryGrad('tanhGrad', dy, output)],
  },
  /** Logistic sigmoid, without overflow for large |x|. */
  sigmoid: {
    fn: sigmoidScalar,
    ints: 'toFloat',
    backward: (dy, { output }): Grads => [binaryGrad('sigmoidGrad', dy, output)],
  },
  /** `max(x, 0)`. */
  relu: {
    fn: (x) => Math.max(x, 0),
    ints: 'keep',
    backward: (dy, { inputs }): Grads => [binaryGrad('reluGrad', dy, inputs[0]!)],
  },
  /** GELU, tanh approximation. */
  gelu: {
    fn: geluScalar,
    ints: 'toFloat',
    backward: (dy, { inputs }): Grads => [binaryGrad('geluGrad', dy, inputs[0]!)],
  },
  /** Sine, in radians. */
  sin: { fn: Math.sin, ints: 'toFloat', backward: (dy, { inputs }): Grads => [dy.mul(inputs[0]!.cos())] },
  /** Cosine, in radians. */
  cos: {
    fn: Math.cos,
    ints: 'toFloat',
    backward: (dy, { inputs }): Grads => [dy.mul(inputs[0]!.sin()).neg()],
  },
  /** Absolute value. */
  abs: { fn: Math.abs, ints: 'keep', backward: (dy, { inputs }): Grads => [dy.mul(inputs[0]!.sign())] },
  /** Sign (no gradient). */
  sign: { fn: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0), ints: 'keep', backward: null },
} satisfies Record<string, UnarySpec>;

const BINARY = {
  /** `a + b`. */
  add: { fn: (a, b) => a + b, result: 'promote', backward: (dy): Grads => [dy, dy] },
  /** `a - b`. */
  sub: {
    fn: (a, b) => a - b,
    result: 'promote',
    backward: (dy, { needsGrad }): Grads => [dy, needsGrad[1] ? dy.neg() : null],
  },
  /** `a * b`. */
  mul: {
    fn: (a, b) => a * b,
    result: 'promote',
    backward: (dy, { inputs, needsGrad }): Grads => [
      needsGrad[0] ? dy.mul(inputs[1]!) : null,
      needsGrad[1] ? dy.mul(inputs[0]!) : null,
    ],
  },
  /** `a / b` (true division: int32 / int32 gives float32). */
  div: {
    fn: (a, b) => a / b,
    result: 'float',
    backward: (dy, { inputs, output, needsGrad }): Grads => [
      needsGrad[0] ? dy.div(inputs[1]!) : null,
      // d(a/b)/db = -a/b² = -out/b
      needsGrad[1] ? dy.mul(output).div(inputs[1]!).neg() : null,
    ],
  },
  /** `a ** b`. */
  pow: {
    fn: Math.pow,
    result: 'promote',
    backward: (dy, { inputs, output, needsGrad }): Grads => {
      const [a, b] = inputs as [Tensor, Tensor];
      return [
        needsGrad[0] ? dy.mul(b).mul(a.pow(b.sub(1))) : null,
        needsGrad[1] ? dy.mul(output).mul(a.log()) : null,
      ];
    },
  },
  /** `a == b` as 1/0 (no gradient). */
  eq: { fn: (a, b) => (a === b ? 1 : 0), result: 'promote', backward: null },
  /** `a != b` as 1/0 (no gradient). */
  ne: { fn: (a, b) => (a !== b ? 1 : 0), result: 'promote', backward: null },
  /** `a > b` as 1/0 (no gradient). */
  gt: { fn: (a, b) => (a > b ? 1 : 0), result: 'promote', backward: null },
  /** `a >= b` as 1/0 (no gradient). */
  ge: { fn: (a, b) => (a >= b ? 1 : 0), result: 'promote', backward: null },
  /** `a < b` as 1/0 (no gradient). */
  lt: { fn: (a, b) => (a < b ? 1 : 0), result: 'promote', backward: null },
  /** `a <= b` as 1/0 (no gradient). */
  le: { fn: (a, b) => (a <= b ? 1 : 0), result: 'promote', backward: null },
  /** Fused `dy * (1 - y²)` for the tanh rule (no gradient). */
  tanhGrad: { fn: (dy, y) => dy * (1 - y * y), result: 'promote', backward: null },
  /** Fused `dy * y * (1 - y)` for the sigmoid rule (no gradient). */
  sigmoidGrad: { fn: (dy, y) => dy * y * (1 - y), result: 'promote', backward: null },
  /** Fused `x > 0 ? dy : 0` for the relu rule (no gradient). */
  reluGrad: { fn: (dy, x) => (x > 0 ? dy : 0), result: 'promote', backward: null },
  /** Fused `dy * gelu'(x)` for the gelu rule (no gradient). */
  geluGrad: { fn: (dy, x) => dy * geluDerivScalar(x), result: 'promote', backward: null },
} satisfies Record<string, BinarySpec>;

/** Names of the unary elementwise ops. */
export type UnaryOpName = keyof typeof UNARY;
/** Names of the binary elementwise ops (all broadcast). */
export type BinaryOpName = keyof typeof BINARY;

/** `make` applied to every entry of `table`, keyed as the table. */
function mapTable<T extends object, V>(
  table: T,
  make: (name: keyof T & string, entry: T[keyof T]) => V,
): { readonly [K in keyof T]: V } {
  const entries = Object.entries(table) as [keyof T & string, T[keyof T]][];
  return Object.fromEntries(entries.map(([name, entry]) => [name, make(name, entry)])) as {
    readonly [K in keyof T]: V;
  };
}

/** The unary functions kernels are asked for: the ops' and `copy` (which `clone` and `copy_` use). */
export const UNARY_FNS: { readonly [N in UnaryFnName]: UnaryFn } = {
  ...mapTable(UNARY, (name, { fn }): UnaryFn => ({ name, fn })),
  copy: { name: 'copy', fn: (x) => x },
};

/** The binary functions kernels are asked for (the in-place methods pass them too). */
export const BINARY_FNS: { readonly [N in BinaryFnName]: BinaryFn } = mapTable(
  BINARY,
  (name, { fn }): BinaryFn => ({ name, fn }),
);

/** The unary elementwise ops. */
export const UNARY_OPS: { readonly [N in UnaryOpName]: OpDef<NoAttrs> } = mapTable(
  UNARY,
  (name, { ints, backward }: UnarySpec): OpDef<NoAttrs> => {
    const f = UNARY_FNS[name];
    return {
      forward([x], _attrs, ctx) {
        const dtype: DType = ints === 'toFloat' && x!.dtype === 'int32' ? 'float32' : x!.dtype;
        const out = ctx.empty(x!.shape, dtype);
        ctx.backend.kernels.unary(x!, out, f);
        return out;
      },
      backward,
    };
  },
);

/** The binary elementwise ops (all broadcast). */
export const BINARY_OPS: { readonly [N in BinaryOpName]: OpDef<NoAttrs> } = mapTable(
  BINARY,
  (name, { result, backward }: BinarySpec): OpDef<NoAttrs> => {
    const f = BINARY_FNS[name];
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
  },
);
