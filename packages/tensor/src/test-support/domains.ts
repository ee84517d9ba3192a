import { tensor } from '../creation.js';
import { ENGINE } from '../engine.js';
import { batchNorm, cat, causalAttention, crossEntropy, layerNorm, where } from '../functional.js';
import { lstmCell } from '../lstm-cell.js';
import type { OpName } from '../ops/attrs.js';
import type { Generator } from '../random.js';
import type { Tensor } from '../tensor.js';

/** One gradcheck case: float64 inputs (some requiring grad) and a function that uses the op. */
export interface GradCase {
  /** What the case covers (shapes, broadcasting, attributes). */
  name: string;
  /** Builds fresh inputs from a seeded generator. */
  inputs: (g: Generator) => Tensor[];
  /** The function to check; it must run the op under test. */
  fn: (...xs: Tensor[]) => Tensor;
}

/** The gradcheck domain of an op, or the explicit statement that it has no gradient. */
export type Domain = readonly GradCase[] | 'not-differentiable';

/** Standard normal float64 leaf that requires grad. */
export function r(g: Generator, shape: number[]): Tensor {
  const v = new Float64Array(shape.reduce((a, b) => a * b, 1));
  g.fillNormal(v);
  return tensor(v, { shape, dtype: 'float64', requiresGrad: true });
}

/** Values in [lo, hi) (float64, requires grad). */
export function u(g: Generator, shape: number[], lo: number, hi: number): Tensor {
  const v = new Float64Array(shape.reduce((a, b) => a * b, 1));
  g.fillUniform(v, lo, hi);
  return tensor(v, { shape, dtype: 'float64', requiresGrad: true });
}

/** Values at least `gap` away from 0, random sign (keeps finite differences off kinks and poles). */
export function away(g: Generator, shape: number[], gap = 0.2): Tensor {
  const v = new Float64Array(shape.reduce((a, b) => a * b, 1));
  g.fillNormal(v);
  for (let i = 0; i < v.length; i++) v[i] = Math.sign(v[i]! || 1) * (gap + Math.abs(v[i]!));
  return tensor(v, { shape, dtype: 'float64', requiresGrad: true });
}

/** An int32 index tensor. */
export function idx(values: number[], shape?: number[]): Tensor {
  return tensor(values, { dtype: 'int32', shape: shape ?? [values.length] });
}

const unary = (op: (x: Tensor) => Tensor, make: (g: Generator, s: number[]) => Tensor = r): GradCase[] => [
  { name: '[3, 4]', inputs: (g) => [make(g, [3, 4])], fn: op },
  { name: '[2, 3, 2]', inputs: (g) => [make(g, [2, 3, 2])], fn: op },
  { name: 'scalar', inputs: (g) => [make(g, [])], fn: op },
];

const binary = (
  op: (a: Tensor, b: Tensor) => Tensor,
  makeA: (g: Generator, s: number[]) => Tensor = r,
  makeB: (g: Generator, s: number[]) => Tensor = r,
): GradCase[] => [
  { name: 'same shape [3, 4]', inputs: (g) => [makeA(g, [3, 4]), makeB(g, [3, 4])], fn: op },
  { name: 'broadcast [3, 1] and [4]', inputs: (g) => [makeA(g, [3, 1]), makeB(g, [4])], fn: op },
  { name: 'broadcast [2, 3, 4] and [3, 1]', inputs: (g) => [makeA(g, [2, 3, 4]), makeB(g, [3, 1])], fn: op },
  { name: 'broadcast [4] and [2, 1, 4]', inputs: (g) => [makeA(g, [4]), makeB(g, [2, 1, 4])], fn: op },
  { name: 'scalar and [2, 3]', inputs: (g) => [makeA(g, []), makeB(g, [2, 3])], fn: op },
];

const positive = (g: Generator, s: number[]) => u(g, s, 0.5, 2);

/**
 * Gradcheck domains for every op in the table. The type is a total map over op names, so a new op
 * does not compile until it has a domain here (or is declared not differentiable), and ops.test.ts
 * checks at run time that each domain really exercises its op.
 */
export const DOMAINS: { [P in OpName]: Domain } = {
  neg: unary((x) => x.neg()),
  exp: unary((x) => x.exp()),
  log: unary((x) => x.log(), positive),
  sqrt: unary((x) => x.sqrt(), positive),
  tanh: unary((x) => x.tanh()),
  sigmoid: unary((x) => x.sigmoid()),
  relu: unary((x) => x.relu(), away),
  gelu: unary((x) => x.gelu()),
  sin: unary((x) => x.sin()),
  cos: unary((x) => x.cos()),
  abs: unary((x) => x.abs(), away),
  sign: 'not-differentiable',
  add: [
    ...binary((a, b) => a.add(b)),
    { name: 'number', inputs: (g) => [r(g, [2, 3])], fn: (a) => a.add(2.5) },
  ],
  sub: [
    ...binary((a, b) => a.sub(b)),
    { name: 'number', inputs: (g) => [r(g, [2, 3])], fn: (a) => a.sub(1) },
  ],
  mul: [...binary((a, b) => a.mul(b)), { name: 'self', inputs: (g) => [r(g, [2, 3])], fn: (a) => a.mul(a) }],
  div: [
    ...binary((a, b) => a.div(b), r, away),
    { name: 'number', inputs: (g) => [r(g, [2, 3])], fn: (a) => a.div(3) },
  ],
  pow: [
    ...binary((a, b) => a.pow(b), positive, r),
    { name: 'square of negatives', inputs: (g) => [r(g, [2, 3])], fn: (a) => a.pow(2) },
    { name: 'cube', inputs: (g) => [r(g, [4])], fn: (a) => a.pow(3) },
  ],
  eq: 'not-differentiable',
  ne: 'not-differentiable',
  gt: 'not-differentiable',
  ge: 'not-differentiable',
  lt: 'not-differentiable',
  le: 'not-differentiable',
  tanhGrad: 'not-differentiable',
  sigmoidGrad: 'not-differentiable',
  reluGrad: 'not-differentiable',
  geluGrad: 'not-differentiable',
  sum: [
    { name: 'all', inputs: (g) => [r(g, [3, 4])], fn: (x) => x.sum() },
    { name: 'dim 0', inputs: (g) => [r(g, [3, 4])], fn: (x) => x.sum(0) },
    { name: 'dim -1 keepdim', inputs: (g) => [r(g, [2, 3, 4])], fn: (x) => x.sum(-1, true) },
    { name: 'dims [0, 2]', inputs: (g) => [r(g, [2, 3, 4])], fn: (x) => x.sum([0, 2]) },
    { name: 'middle dim', inputs: (g) => [r(g, [2, 3, 4])], fn: (x) => x.sum(1) },
  ],
  max: [
    { name: 'all', inputs: (g) => [r(g, [3, 4])], fn: (x) => x.max() },
    { name: 'dim 1 keepdim', inputs: (g) => [r(g, [3, 4])], fn: (x) => x.max(1, true) },
    { name: 'dims [0, 2]', inputs: (g) => [r(g, [2, 3, 4])], fn: (x) => x.max([0, 2]) },
  ],
  argmax: 'not-differentiable',
  reshape: [
    {
      name: '[2, 6] to [3, 4]',
      inputs: (g) => [r(g, [2, 6])],
      fn: (x) => x.reshape(3, 4).mul(x.reshape([3, 4])),
    },
    { name: 'with -1', inputs: (g) => [r(g, [2, 3, 2])], fn: (x) => x.view(-1, 2) },
  ],
  permute: [
    { name: '[2, 3, 4] by [2, 0, 1]', inputs: (g) => [r(g, [2, 3, 4])], fn: (x) => x.permute(2, 0, 1) },
    { name: 'transpose', inputs: (g) => [r(g, [3, 5])], fn: (x) => x.T },
  ],
  expand: [
    { name: '[3, 1] to [2, 3, 4]', inputs: (g) => [r(g, [3, 1])], fn: (x) => x.expand(2, 3, 4) },
    { name: '-1 keeps', inputs: (g) => [r(g, [1, 4])], fn: (x) => x.expand([3, -1]) },
  ],
  slice: [
    { name: 'step 2', inputs: (g) => [r(g, [3, 7])], fn: (x) => x.slice(1, 1, 6, 2) },
    { name: 'negative start', inputs: (g) => [r(g, [5, 2])], fn: (x) => x.slice(0, -3) },
  ],
  unslice: [
    {
      name: 'into [3, 7]',
      inputs: (g) => [r(g, [3, 3])],
      fn: (x) => ENGINE.run('unslice', [x], { begin: [0, 1], step: [1, 2], shape: [3, 7] }),
    },
  ],
  concat: [
    {
      name: 'dim 1',
      inputs: (g) => [r(g, [2, 3]), r(g, [2, 1]), r(g, [2, 2])],
      fn: (a, b, c) => cat([a!, b!, c!], 1),
    },
    { name: 'dim 0', inputs: (g) => [r(g, [1, 3]), r(g, [2, 3])], fn: (a, b) => cat([a!, b!], 0) },
  ],
  cast: [{ name: 'float64 to float64', inputs: (g) => [r(g, [3])], fn: (x) => x.cast('float64') }],
  copy: [{ name: 'clone', inputs: (g) => [r(g, [2, 2])], fn: (x) => x.clone().mul(x) }],
  take: [
    {
      name: 'embedding C[X] with repeats',
      inputs: (g) => [r(g, [5, 3]), idx([0, 4, 4, 1, 0, 2], [2, 3])],
      fn: (C, X) => C.index(X!),
    },
    {
      name: 'along dim 1',
      inputs: (g) => [r(g, [2, 4]), idx([3, 1, 3])],
      fn: (x, i) => x.indexSelect(1, i!),
    },
  ],
  takeGrad: [
    {
      name: 'scatter-add rows',
      inputs: (g) => [r(g, [4, 2]), idx([1, 1, 0, 2])],
      fn: (dy, i) => ENGINE.run('takeGrad', [dy, i!], { axis: 0, size: 3 }),
    },
  ],
  gather: [
    {
      name: 'dim 1',
      inputs: (g) => [r(g, [3, 4]), idx([0, 3, 1, 1, 2, 2], [3, 2])],
      fn: (x, i) => x.gather(1, i!),
    },
    { name: 'dim 0', inputs: (g) => [r(g, [3, 2]), idx([2, 0], [1, 2])], fn: (x, i) => x.gather(0, i!) },
  ],
  gatherGrad: [
    {
      name: 'scatter-add dim 1',
      inputs: (g) => [r(g, [2, 3]), idx([0, 0, 2, 1, 1, 1], [2, 3])],
      fn: (dy, i) => ENGINE.run('gatherGrad', [dy, i!], { axis: 1, shape: [2, 4] }),
    },
  ],
  where: [
    {
      name: 'broadcast condition',
      inputs: (g) => [r(g, [3, 4]), r(g, [3, 4])],
      fn: (a, b) => where(tensor([1, 0, 0, 1]), a!, b!),
    },
    {
      name: 'maskedFill',
      inputs: (g) => [r(g, [2, 3])],
      fn: (x) =>
        x.maskedFill(
          tensor([
            [0, 1, 0],
            [1, 0, 0],
          ]),
          -5,
        ),
    },
    {
      name: 'broadcast operands',
      inputs: (g) => [r(g, [3, 1]), r(g, [4])],
      fn: (a, b) => where(tensor([[1], [0], [1]]), a!, b!),
    },
  ],
  oneHot: 'not-differentiable',
  matmul: [
    { name: '2-D', inputs: (g) => [r(g, [3, 4]), r(g, [4, 5])], fn: (a, b) => a.matmul(b!) },
    { name: 'batched 3-D', inputs: (g) => [r(g, [2, 3, 4]), r(g, [2, 4, 2])], fn: (a, b) => a.matmul(b!) },
    { name: '3-D @ 2-D', inputs: (g) => [r(g, [2, 3, 4]), r(g, [4, 5])], fn: (a, b) => a.matmul(b!) },
    { name: '2-D @ 3-D', inputs: (g) => [r(g, [3, 4]), r(g, [2, 4, 5])], fn: (a, b) => a.matmul(b!) },
    { name: 'odd K (unroll tail)', inputs: (g) => [r(g, [2, 7]), r(g, [7, 3])], fn: (a, b) => a.matmul(b!) },
    {
      name: 'transA',
      inputs: (g) => [r(g, [4, 3]), r(g, [4, 5])],
      fn: (a, b) => ENGINE.run('matmul', [a, b!], { transA: true, transB: false }),
    },
    {
      name: 'transB',
      inputs: (g) => [r(g, [3, 6]), r(g, [5, 6])],
      fn: (a, b) => ENGINE.run('matmul', [a, b!], { transA: false, transB: true }),
    },
    {
      name: 'transA and transB, batched',
      inputs: (g) => [r(g, [2, 4, 3]), r(g, [2, 5, 4])],
      fn: (a, b) => ENGINE.run('matmul', [a, b!], { transA: true, transB: true }),
    },
    {
      name: 'transB with 3-D @ 2-D',
      inputs: (g) => [r(g, [2, 3, 4]), r(g, [5, 4])],
      fn: (a, b) => ENGINE.run('matmul', [a, b!], { transA: false, transB: true }),
    },
  ],
  crossEntropy: [
    { name: 'mean', inputs: (g) => [r(g, [4, 5])], fn: (x) => crossEntropy(x, idx([1, 0, 4, 2])) },
    {
      name: 'mean with ignoreIndex -1',
      inputs: (g) => [r(g, [4, 5])],
      fn: (x) => crossEntropy(x, idx([1, -1, 4, -1]), { ignoreIndex: -1 }),
    },
    {
      name: 'sum',
      inputs: (g) => [r(g, [3, 3])],
      fn: (x) => crossEntropy(x, idx([2, 0, 1]), { reduction: 'sum' }),
    },
    {
      name: 'none, 3-D logits',
      inputs: (g) => [r(g, [2, 3, 4])],
      fn: (x) => crossEntropy(x, idx([0, 1, 2, 3, -1, 1], [2, 3]), { reduction: 'none', ignoreIndex: -1 }),
    },
  ],
  crossEntropyBackward: 'not-differentiable',
  layerNorm: [
    { name: '2-D, eps 1e-5', inputs: (g) => [r(g, [4, 6])], fn: (x) => layerNorm(x) },
    { name: '3-D, eps 0', inputs: (g) => [r(g, [2, 3, 5])], fn: (x) => layerNorm(x, { eps: 0 }) },
    {
      name: 'with weight and bias, large eps',
      inputs: (g) => [r(g, [3, 4]), r(g, [4]), r(g, [4])],
      fn: (x, w, b) => layerNorm(x, { weight: w!, bias: b!, eps: 0.5 }),
    },
  ],
  layerNormBackward: 'not-differentiable',
  batchNorm: [
    { name: '2-D, eps 1e-5', inputs: (g) => [r(g, [5, 4])], fn: (x) => batchNorm(x) },
    {
      name: '3-D (over B and T), eps 0',
      inputs: (g) => [r(g, [3, 2, 5])],
      fn: (x) => batchNorm(x, { eps: 0 }),
    },
    {
      name: 'with weight and bias, large eps',
      inputs: (g) => [r(g, [6, 3]), r(g, [3]), r(g, [3])],
      fn: (x, w, b) => batchNorm(x, { weight: w!, bias: b!, eps: 0.5 }),
    },
  ],
  batchNormBackward: 'not-differentiable',
  causalAttention: [
    { name: 'one head, T = 1', inputs: (g) => [r(g, [2, 1, 3 * 4])], fn: (x) => causalAttention(x, 1) },
    {
      name: 'two heads of 3 (odd head size)',
      inputs: (g) => [r(g, [2, 4, 3 * 6])],
      fn: (x) => causalAttention(x, 2),
    },
    { name: 'four heads of 4', inputs: (g) => [r(g, [1, 5, 3 * 16])], fn: (x) => causalAttention(x, 4) },
  ],
  causalAttentionBackward: 'not-differentiable',
  lstmCellState: [
    { name: 'B 3, H 5', inputs: (g) => [r(g, [3, 4 * 5]), r(g, [3, 5])], fn: (x, c) => lstmCell(x!, c!).c },
    { name: 'B 2, H 1', inputs: (g) => [r(g, [2, 4]), r(g, [2, 1])], fn: (x, c) => lstmCell(x!, c!).c },
  ],
  lstmCellOutput: [
    {
      name: 'B 2, H 3 (through the cell state)',
      inputs: (g) => [r(g, [2, 4 * 3]), r(g, [2, 3])],
      fn: (x, c) => lstmCell(x!, c!).h,
    },
    { name: 'B 4, H 4', inputs: (g) => [r(g, [4, 4 * 4]), r(g, [4, 4])], fn: (x, c) => lstmCell(x!, c!).h },
  ],
};
