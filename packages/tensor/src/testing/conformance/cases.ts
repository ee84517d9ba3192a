import {
  batchNorm,
  cat,
  causalAttention,
  crossEntropy,
  layerNorm,
  lstmCell,
  type OpName,
  oneHot,
  stack,
  type Tensor,
  where,
} from '../../index.js';
import type { CaseMaker, RandnOptions } from './maker.js';

/** One conformance case: builds its inputs with the maker and returns the output to compare. */
export interface ConformanceCase {
  /** What the case covers (shapes, options), unique within its op. */
  readonly name: string;
  /** Runs the op on tensors the maker creates; leaves the maker records get their gradients compared. */
  readonly run: (m: CaseMaker) => Tensor;
}

// Case families: the shapes every unary op runs on, the broadcasts of every binary op.
const unary = (op: (x: Tensor) => Tensor, opts: RandnOptions = {}): ConformanceCase[] => [
  { name: '[3, 4]', run: (m) => op(m.randn([3, 4], opts)) },
  { name: '[2, 3, 2]', run: (m) => op(m.randn([2, 3, 2], opts)) },
  { name: 'scalar', run: (m) => op(m.randn([], opts)) },
  { name: '[64, 200] (an MLP layer)', run: (m) => op(m.randn([64, 200], opts)) },
];

const binary = (
  op: (a: Tensor, b: Tensor) => Tensor,
  oa: RandnOptions = {},
  ob: RandnOptions = {},
): ConformanceCase[] => [
  { name: 'same shape [3, 4]', run: (m) => op(m.randn([3, 4], oa), m.randn([3, 4], ob)) },
  { name: 'broadcast [3, 1] and [4]', run: (m) => op(m.randn([3, 1], oa), m.randn([4], ob)) },
  { name: 'broadcast [2, 3, 4] and [3, 1]', run: (m) => op(m.randn([2, 3, 4], oa), m.randn([3, 1], ob)) },
  { name: 'broadcast [4] and [2, 1, 4]', run: (m) => op(m.randn([4], oa), m.randn([2, 1, 4], ob)) },
  { name: 'scalar and [2, 3]', run: (m) => op(m.randn([], oa), m.randn([2, 3], ob)) },
  { name: 'bias add [32, 200] and [200]', run: (m) => op(m.randn([32, 200], oa), m.randn([200], ob)) },
];

// Small integers so that equalities happen.
const compare = (op: (a: Tensor, b: Tensor) => Tensor): ConformanceCase[] => [
  {
    name: 'same shape',
    run: (m) => op(m.values([1, 2, 3, 4, 2, 1], [2, 3]), m.values([1, 3, 3, 0, 2, 5], [2, 3])),
  },
  { name: 'broadcast', run: (m) => op(m.values([1, 2, 3, 4, 2, 1], [2, 3]), m.values([2], [1])) },
];

/**
 * Conformance cases for every primitive op. A total map over the tensor core's op names, so a new op
 * does not compile until it has a case here; ops that only a backward pass runs (the gradient
 * kernels) are reached through the forward op whose backward calls them.
 */
export const CONFORMANCE_CASES: { [P in OpName]: readonly ConformanceCase[] } = {
  neg: unary((x) => x.neg()),
  exp: unary((x) => x.exp()),
  log: unary((x) => x.log(), { lo: 0.5, hi: 2 }),
  sqrt: unary((x) => x.sqrt(), { lo: 0.5, hi: 2 }),
  tanh: [...unary((x) => x.tanh()), { name: 'large |x|', run: (m) => m.randn([8]).mul(40).tanh() }],
  sigmoid: [...unary((x) => x.sigmoid()), { name: 'large |x|', run: (m) => m.randn([8]).mul(40).sigmoid() }],
  relu: unary((x) => x.relu(), { away: 0.1 }),
  gelu: unary((x) => x.gelu()),
  sin: [...unary((x) => x.sin()), { name: 'several periods', run: (m) => m.randn([8]).mul(20).sin() }],
  cos: [...unary((x) => x.cos()), { name: 'several periods', run: (m) => m.randn([8]).mul(20).cos() }],
  abs: unary((x) => x.abs(), { away: 0.1 }),
  sign: [{ name: 'with zeros', run: (m) => m.values([-2, 0, 3, -0.5, 0, 1], [2, 3]).sign() }],
  add: [...binary((a, b) => a.add(b)), { name: 'number', run: (m) => m.randn([2, 3]).add(2.5) }],
  sub: [...binary((a, b) => a.sub(b)), { name: 'number', run: (m) => m.randn([2, 3]).sub(1) }],
  mul: [...binary((a, b) => a.mul(b)), { name: 'self', run: (m) => m.randn([2, 3]).square() }],
  div: [
    ...binary((a, b) => a.div(b), {}, { away: 0.3 }),
    { name: 'number', run: (m) => m.randn([2, 3]).div(3) },
  ],
  pow: [
    ...binary((a, b) => a.pow(b), { lo: 0.5, hi: 2 }),
    { name: 'square of negatives', run: (m) => m.randn([2, 3]).pow(2) },
    { name: 'cube', run: (m) => m.randn([4]).pow(3) },
    { name: 'zero power', run: (m) => m.values([-2, 0, 3], [3]).pow(0) },
  ],
  eq: compare((a, b) => a.eq(b)),
  ne: compare((a, b) => a.ne(b)),
  gt: compare((a, b) => a.gt(b)),
  ge: compare((a, b) => a.ge(b)),
  lt: compare((a, b) => a.lt(b)),
  le: compare((a, b) => a.le(b)),
  tanhGrad: [{ name: 'backward of tanh', run: (m) => m.randn([5, 7]).tanh() }],
  sigmoidGrad: [{ name: 'backward of sigmoid', run: (m) => m.randn([5, 7]).sigmoid() }],
  reluGrad: [{ name: 'backward of relu', run: (m) => m.randn([5, 7], { away: 0.1 }).relu() }],
  geluGrad: [{ name: 'backward of gelu', run: (m) => m.randn([5, 7]).gelu() }],
  sum: [
    { name: 'all', run: (m) => m.randn([3, 4]).sum() },
    { name: 'dim 0', run: (m) => m.randn([3, 4]).sum(0) },
    { name: 'dim -1 keepdim', run: (m) => m.randn([2, 3, 4]).sum(-1, true) },
    { name: 'dims [0, 2]', run: (m) => m.randn([2, 3, 4]).sum([0, 2]) },
    { name: 'middle dim', run: (m) => m.randn([2, 3, 4]).sum(1) },
    { name: 'long row [3, 5000] (staged)', run: (m) => m.randn([3, 5000]).sum(1) },
    { name: 'over an empty axis', run: (m) => m.randn([0, 3]).sum(0) },
  ],
  max: [
    { name: 'all', run: (m) => m.randn([3, 4]).max() },
    { name: 'dim 1 keepdim', run: (m) => m.randn([3, 4]).max(1, true) },
    { name: 'dims [0, 2]', run: (m) => m.randn([2, 3, 4]).max([0, 2]) },
    { name: 'long row [2, 3000] (staged)', run: (m) => m.randn([2, 3000]).max(1) },
    { name: 'all -Infinity', run: (m) => m.values([-Infinity, -Infinity, 1, -Infinity], [2, 2]).max(1) },
  ],
  argmax: [
    { name: 'dim 1', run: (m) => m.randn([4, 6], { grad: false }).argmax(1) },
    { name: 'dim 0 with ties', run: (m) => m.values([1, 3, 3, 0, 3, 3], [2, 3]).argmax(0) },
    { name: 'all', run: (m) => m.randn([3, 5], { grad: false }).argmax() },
  ],
  reshape: [
    { name: '[2, 6] to [3, 4]', run: (m) => m.randn([2, 6]).reshape(3, 4).mul(2) },
    { name: 'with -1', run: (m) => m.randn([2, 3, 2]).view(-1, 2).exp() },
  ],
  permute: [
    { name: '[2, 3, 4] by [2, 0, 1]', run: (m) => m.randn([2, 3, 4]).permute(2, 0, 1).mul(1.5) },
    { name: 'transpose', run: (m) => m.randn([3, 5]).T.mul(1.5) },
  ],
  expand: [
    { name: '[3, 1] to [2, 3, 4]', run: (m) => m.randn([3, 1]).expand(2, 3, 4).mul(1.5) },
    { name: '-1 keeps', run: (m) => m.randn([1, 4]).expand([3, -1]).mul(1.5) },
  ],
  slice: [
    { name: 'step 2', run: (m) => m.randn([3, 7]).slice(1, 1, 6, 2).mul(1.5) },
    { name: 'negative start', run: (m) => m.randn([5, 2]).slice(0, -3).mul(1.5) },
    { name: 'select', run: (m) => m.randn([4, 3, 2]).select(1, 2).mul(1.5) },
  ],
  unslice: [{ name: 'backward of slice with step 2', run: (m) => m.randn([3, 7]).slice(1, 1, 6, 2).exp() }],
  concat: [
    { name: 'three on dim 1', run: (m) => cat([m.randn([2, 3]), m.randn([2, 1]), m.randn([2, 4])], 1) },
    { name: 'on dim 0', run: (m) => cat([m.randn([1, 3]), m.randn([2, 3])], 0) },
    { name: 'with an empty input', run: (m) => cat([m.randn([2, 0]), m.randn([2, 3])], 1) },
    {
      name: 'eleven (more than one launch)',
      run: (m) =>
        cat(
          Array.from({ length: 11 }, () => m.randn([2, 2])),
          1,
        ),
    },
    { name: 'stack', run: (m) => stack([m.randn([2, 3]), m.randn([2, 3])], 1) },
  ],
  cast: [
    { name: 'float to int truncates', run: (m) => m.values([-2.7, -0.5, 0.5, 3.9], [4]).cast('int32') },
    { name: 'int to float', run: (m) => m.ints([-3, 0, 7]).cast('float32').mul(0.5) },
  ],
  copy: [{ name: 'clone', run: (m) => m.randn([3, 4]).clone().mul(2) }],
  take: [
    { name: 'embedding C[X]', run: (m) => m.randn([27, 10]).index(m.randint(27, [32, 3])) },
    { name: 'negative indices', run: (m) => m.randn([5, 2]).index(m.ints([-1, 0, 4, -5])) },
    { name: 'indexSelect dim 1', run: (m) => m.randn([3, 5]).indexSelect(1, m.ints([4, 0, 0])) },
  ],
  takeGrad: [
    {
      name: 'backward of the embedding (repeated rows)',
      run: (m) =>
        m
          .randn([27, 10])
          .index(m.randint(27, [32, 3]))
          .tanh(),
    },
  ],
  gather: [
    { name: 'dim 1', run: (m) => m.randn([3, 4]).gather(1, m.ints([0, 3, 1, 1, 2, 0], [3, 2])) },
    { name: 'dim 0, smaller index', run: (m) => m.randn([4, 3]).gather(0, m.ints([3, 0], [1, 2])) },
  ],
  gatherGrad: [
    {
      name: 'backward of gather with repeats',
      run: (m) =>
        m
          .randn([3, 4])
          .gather(1, m.ints([1, 1, 2, 2, 0, 3], [3, 2]))
          .exp(),
    },
  ],
  where: [
    {
      name: 'broadcast condition',
      run: (m) => where(m.values([1, 0, 1], [3]), m.randn([2, 3]), m.randn([2, 1])),
    },
    { name: 'maskedFill', run: (m) => m.randn([2, 3]).maskedFill(m.values([0, 1, 0, 1, 1, 0], [2, 3]), -1) },
  ],
  oneHot: [{ name: 'depth 27', run: (m) => oneHot(m.randint(27, [5, 3]), 27) }],
  matmul: [
    { name: '2-D [32, 30] @ [30, 200]', run: (m) => m.randn([32, 30]).matmul(m.randn([30, 200])) },
    { name: 'transposed operands', run: (m) => m.randn([5, 4]).T.matmul(m.randn([3, 5]).T) },
    { name: 'batched 3-D', run: (m) => m.randn([2, 3, 4]).matmul(m.randn([2, 4, 5])) },
    { name: 'broadcast batch', run: (m) => m.randn([2, 3, 4]).matmul(m.randn([4, 5])) },
    { name: 'a column [3, 4] @ [4, 1]', run: (m) => m.randn([3, 4]).matmul(m.randn([4, 1])) },
  ],
  crossEntropy: [
    { name: 'mean', run: (m) => crossEntropy(m.randn([32, 27]), m.randint(27, [32])) },
    { name: 'sum', run: (m) => crossEntropy(m.randn([6, 5]), m.randint(5, [6]), { reduction: 'sum' }) },
    { name: 'none', run: (m) => crossEntropy(m.randn([6, 5]), m.randint(5, [6]), { reduction: 'none' }) },
    {
      name: 'ignoreIndex',
      run: (m) => crossEntropy(m.randn([4, 5]), m.ints([1, -1, 4, -1]), { ignoreIndex: -1 }),
    },
    { name: 'large logits', run: (m) => crossEntropy(m.randn([4, 5]).mul(60), m.ints([0, 1, 2, 3])) },
  ],
  crossEntropyBackward: [
    { name: 'backward, mean', run: (m) => crossEntropy(m.randn([8, 27]), m.randint(27, [8])) },
    {
      name: 'backward, none with ignoreIndex',
      run: (m) => crossEntropy(m.randn([4, 5]), m.ints([1, -100, 4, 0]), { reduction: 'none' }),
    },
  ],
  layerNorm: [
    { name: '[3, 5]', run: (m) => layerNorm(m.randn([3, 5])) },
    {
      name: 'a transformer row block [32, 16, 64], eps 0',
      run: (m) => layerNorm(m.randn([32, 16, 64]), { eps: 0 }),
    },
    {
      name: 'weight and bias, shifted rows',
      run: (m) => layerNorm(m.randn([4, 6], { lo: 5, hi: 6 }), { weight: m.randn([6]), bias: m.randn([6]) }),
    },
  ],
  layerNormBackward: [
    { name: 'backward [6, 8]', run: (m) => layerNorm(m.randn([6, 8])) },
    { name: 'backward [2, 3, 64], large eps', run: (m) => layerNorm(m.randn([2, 3, 64]), { eps: 0.5 }) },
  ],
  batchNorm: [
    { name: '[6, 5]', run: (m) => batchNorm(m.randn([6, 5])) },
    { name: '[32, 4, 68] over B and T, eps 0', run: (m) => batchNorm(m.randn([32, 4, 68]), { eps: 0 }) },
    {
      name: 'affine, running statistics updated',
      run: (m) => {
        const runningMean = m.randn([3], { grad: false });
        const runningVar = m.randn([3], { lo: 1, hi: 2, grad: false });
        const y = batchNorm(m.randn([5, 3]), {
          weight: m.randn([3]),
          bias: m.randn([3]),
          runningMean,
          runningVar,
          momentum: 0.3,
        });
        return cat([y, runningMean.reshape(1, 3), runningVar.reshape(1, 3)], 0);
      },
    },
  ],
  batchNormBackward: [
    { name: 'backward [8, 6]', run: (m) => batchNorm(m.randn([8, 6])) },
    { name: 'backward [4, 3, 10], large eps', run: (m) => batchNorm(m.randn([4, 3, 10]), { eps: 0.5 }) },
  ],
  causalAttention: [
    { name: '[2, 5, 3·8], 2 heads', run: (m) => causalAttention(m.randn([2, 5, 24]), 2) },
    { name: '[1, 1, 3·4], T = 1', run: (m) => causalAttention(m.randn([1, 1, 12]), 1) },
    {
      name: 'a makemore block [4, 16, 3·64], 4 heads',
      run: (m) => causalAttention(m.randn([4, 16, 192]), 4),
    },
  ],
  causalAttentionBackward: [
    { name: 'backward [2, 6, 3·6], 3 heads of 2', run: (m) => causalAttention(m.randn([2, 6, 18]), 3) },
    { name: 'backward [3, 4, 3·16], 4 heads', run: (m) => causalAttention(m.randn([3, 4, 48]), 4) },
  ],
  lstmCellState: [
    { name: '[3, 4·5] and [3, 5] (odd H)', run: (m) => lstmCell(m.randn([3, 20]), m.randn([3, 5])).c },
    {
      name: '[32, 4·64] and [32, 64] (the lstm model)',
      run: (m) => lstmCell(m.randn([32, 256]), m.randn([32, 64])).c,
    },
  ],
  lstmCellOutput: [
    { name: '[3, 4·7] and [3, 7] (odd H)', run: (m) => lstmCell(m.randn([3, 28]), m.randn([3, 7])).h },
    {
      name: '[32, 4·64] and [32, 64] (the lstm model)',
      run: (m) => lstmCell(m.randn([32, 256]), m.randn([32, 64])).h,
    },
  ],
};

/** Composites built from primitives: no kernel of their own, but the paths users run. */
export const COMPOSITE_CASES: readonly ConformanceCase[] = [
  { name: 'softmax', run: (m) => m.randn([4, 27]).softmax(-1) },
  { name: 'logSoftmax', run: (m) => m.randn([4, 27]).logSoftmax(-1) },
  {
    name: 'mean and var',
    run: (m) =>
      m
        .randn([32, 20])
        .var(0)
        .add(m.randn([32, 20]).mean(0)),
  },
  {
    name: 'batch norm',
    run: (m) => {
      const x = m.randn([32, 20]);
      const mu = x.mean(0, true);
      return x
        .sub(mu)
        .div(x.var(0, true).add(1e-5).sqrt())
        .mul(m.randn([20]))
        .add(m.randn([20]));
    },
  },
  { name: 'logsumexp', run: (m) => m.randn([4, 6]).logsumexp(1) },
];

/** One case of the suite, named and seeded as every backend runs it. */
export interface ConformanceEntry {
  /** `op: case` (or `composite: case`), the test's name. */
  readonly name: string;
  /** The case. */
  readonly case: ConformanceCase;
  /** The seed of its inputs: its position in the full list, so a case gets the same inputs in any subset. */
  readonly seed: number;
}

/**
 * Every case of {@link CONFORMANCE_CASES} and then {@link COMPOSITE_CASES}, in order, or with
 * `firstPerOp` only the first case of each op (and every composite) for a slow backend.
 */
export function conformanceCases(options: { firstPerOp?: boolean | undefined } = {}): ConformanceEntry[] {
  const all: ConformanceEntry[] = [];
  let seed = 1;
  for (const [op, cases] of Object.entries(CONFORMANCE_CASES)) {
    cases.forEach((c, i) => {
      const s = seed++;
      if (i === 0 || !options.firstPerOp) all.push({ name: `${op}: ${c.name}`, case: c, seed: s });
    });
  }
  for (const c of COMPOSITE_CASES) all.push({ name: `composite: ${c.name}`, case: c, seed: seed++ });
  return all;
}
