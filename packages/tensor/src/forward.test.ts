import { describe, expect, test } from 'vitest';
import { arange, full, ones, tensor, zeros } from './creation.js';
import { ENGINE } from './engine.js';
import { cat, crossEntropy, layerNorm, oneHot, stack, tril, triu, where } from './functional.js';
import { Generator } from './random.js';
import { randn } from './random-creation.js';
import { tidy } from './scope.js';
import { idx } from './test-support/domains.js';

// Forward values against hand computations.

describe('elementwise', () => {
  test('arithmetic with broadcasting and numbers', () => {
    tidy(() => {
      const a = tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      const b = tensor([10, 20, 30]);
      expect(a.add(b).tolist()).toEqual([
        [11, 22, 33],
        [14, 25, 36],
      ]);
      expect(b.sub(a).tolist()).toEqual([
        [9, 18, 27],
        [6, 15, 24],
      ]);
      expect(a.mul(tensor([[2], [3]])).tolist()).toEqual([
        [2, 4, 6],
        [12, 15, 18],
      ]);
      expect(tensor([[2], [3]]).div(a)).toBeAllClose(
        [
          [2, 1, 2 / 3],
          [0.75, 0.6, 0.5],
        ],
        { rtol: 1e-6 },
      );
      expect(a.pow(2).tolist()).toEqual([
        [1, 4, 9],
        [16, 25, 36],
      ]);
      expect(a.add(0.5).sub(1).mul(2).div(4).tolist()).toEqual([
        [0.25, 0.75, 1.25],
        [1.75, 2.25, 2.75],
      ]);
      // A column broadcast against a 3-D tensor goes through the general path.
      const c = arange(8).float().reshape(2, 2, 2);
      expect(c.add(tensor([[100], [200]])).tolist()).toEqual([
        [
          [100, 101],
          [202, 203],
        ],
        [
          [104, 105],
          [206, 207],
        ],
      ]);
      expect(
        tensor([[1], [2]])
          .add(tensor([[10, 20]]))
          .tolist(),
      ).toEqual([
        [11, 21],
        [12, 22],
      ]);
    });
  });

  test('unary functions', () => {
    tidy(() => {
      const x = tensor([-2, -0.5, 0, 0.5, 2]);
      expect(x.neg().tolist()).toEqual([2, 0.5, -0, -0.5, -2]);
      expect(x.relu().tolist()).toEqual([0, 0, 0, 0.5, 2]);
      expect(x.abs().tolist()).toEqual([2, 0.5, 0, 0.5, 2]);
      expect(x.sign().tolist()).toEqual([-1, -1, 0, 1, 1]);
      expect(x.tanh()).toBeAllClose([-0.96402758, -0.46211716, 0, 0.46211716, 0.96402758], { atol: 1e-6 });
      expect(x.sigmoid()).toBeAllClose([0.11920292, 0.37754067, 0.5, 0.62245933, 0.88079708], { atol: 1e-6 });
      expect(x.exp()).toBeAllClose([0.13533528, 0.60653066, 1, 1.64872127, 7.3890561], { rtol: 1e-6 });
      // torch.nn.functional.gelu(x, approximate='tanh')
      expect(x.gelu()).toBeAllClose([-0.04540231, -0.15428599, 0, 0.34571401, 1.95459769], { atol: 1e-6 });
      expect(tensor([1, 4, 9]).sqrt().tolist()).toEqual([1, 2, 3]);
      expect(tensor([1, Math.E]).log()).toBeAllClose([0, 1], { atol: 1e-6 });
      expect(tensor([-1000, 1000]).sigmoid().tolist()).toEqual([0, 1]);
      // torch.sin(x), torch.cos(x)
      expect(x.sin()).toBeAllClose([-0.90929743, -0.47942554, 0, 0.47942554, 0.90929743], { atol: 1e-6 });
      expect(x.cos()).toBeAllClose([-0.41614684, 0.87758256, 1, 0.87758256, -0.41614684], { atol: 1e-6 });
      expect(tensor([0, 1], { dtype: 'int32' }).cos().dtype).toBe('float32');
    });
  });

  test('comparisons give 1 and 0', () => {
    tidy(() => {
      const x = tensor([1, 2, 3]);
      expect(x.gt(2).tolist()).toEqual([0, 0, 1]);
      expect(x.ge(2).tolist()).toEqual([0, 1, 1]);
      expect(x.lt(2).tolist()).toEqual([1, 0, 0]);
      expect(x.le(2).tolist()).toEqual([1, 1, 0]);
      expect(x.eq(2).tolist()).toEqual([0, 1, 0]);
      expect(x.ne(2).tolist()).toEqual([1, 0, 1]);
    });
  });

  test('dtypes: int32 stays int32, division and float functions promote', () => {
    tidy(() => {
      const i = tensor([1, 2, 3], { dtype: 'int32' });
      expect(i.add(1).dtype).toBe('int32');
      expect(i.mul(i).tolist()).toEqual([1, 4, 9]);
      expect(i.div(2).dtype).toBe('float32');
      expect(i.div(2).tolist()).toEqual([0.5, 1, 1.5]);
      expect(i.add(0.5).dtype).toBe('float32');
      expect(i.exp().dtype).toBe('float32');
      expect(i.add(tensor([1], { dtype: 'float64' })).dtype).toBe('float64');
      expect(tensor([1.7, -1.7]).int().tolist()).toEqual([1, -1]);
      expect(i.mean().item()).toBe(2);
    });
  });
});

describe('matmul', () => {
  test('2-D by hand', () => {
    tidy(() => {
      const a = tensor([
        [1, 2],
        [3, 4],
        [5, 6],
      ]);
      const b = tensor([
        [1, 0, 2],
        [0, 1, 3],
      ]);
      expect(a.matmul(b).tolist()).toEqual([
        [1, 2, 8],
        [3, 4, 18],
        [5, 6, 28],
      ]);
    });
  });

  test('batched 3-D and broadcasting a 2-D operand', () => {
    tidy(() => {
      const a = arange(12).float().reshape(2, 2, 3);
      const b = tensor([
        [1, 0],
        [0, 1],
        [1, 1],
      ]);
      expect(a.matmul(b).tolist()).toEqual([
        [
          [2, 3],
          [8, 9],
        ],
        [
          [14, 15],
          [20, 21],
        ],
      ]);
      const bb = stack([b, b.mul(2)]);
      expect(a.matmul(bb).tolist()).toEqual([
        [
          [2, 3],
          [8, 9],
        ],
        [
          [28, 30],
          [40, 42],
        ],
      ]);
    });
  });

  test('agrees with a naive float64 loop on odd shapes (unrolled kernel tails)', () => {
    tidy(() => {
      const g = new Generator(11);
      for (const [M, K, N] of [
        [1, 1, 1],
        [5, 7, 3],
        [32, 30, 200],
        [3, 9, 1],
        [17, 4, 5],
      ] as const) {
        const a = randn([M, K], { generator: g, dtype: 'float64' });
        const b = randn([K, N], { generator: g, dtype: 'float64' });
        const av = a.dataSync();
        const bv = b.dataSync();
        const want = new Float64Array(M * N);
        for (let i = 0; i < M; i++)
          for (let j = 0; j < N; j++)
            for (let k = 0; k < K; k++) want[i * N + j]! += av[i * K + k]! * bv[k * N + j]!;
        expect(a.matmul(b)).toBeAllClose(tensor(want, { shape: [M, N], dtype: 'float64' }), { atol: 1e-12 });
        // The kernels for transposed storage (used by the gradients) give the same product.
        const at = a.T;
        const bt = b.T;
        for (const [x, y, tA, tB] of [
          [at, b, true, false],
          [a, bt, false, true],
          [at, bt, true, true],
        ] as const) {
          expect(ENGINE.run('matmul', [x, y], { transA: tA, transB: tB })).toBeAllClose(
            tensor(want, { shape: [M, N], dtype: 'float64' }),
            { atol: 1e-12 },
          );
        }
      }
    });
  });
});

describe('reductions', () => {
  test('sum, mean, max, min, argmax over axes', () => {
    tidy(() => {
      const x = tensor([
        [1, 5, 3],
        [4, 2, 6],
      ]);
      expect(x.sum().item()).toBe(21);
      expect(x.sum(0).tolist()).toEqual([5, 7, 9]);
      expect(x.sum(1, true).tolist()).toEqual([[9], [12]]);
      expect(x.sum([0, 1], true).shape).toEqual([1, 1]);
      expect(x.mean(1).tolist()).toEqual([3, 4]);
      expect(x.max().item()).toBe(6);
      expect(x.max(0).tolist()).toEqual([4, 5, 6]);
      expect(x.min(1).tolist()).toEqual([1, 2]);
      expect(x.argmax(1).tolist()).toEqual([1, 2]);
      expect(x.argmax().item()).toBe(5);
      expect(x.argmax(0, true).tolist()).toEqual([[1, 0, 1]]);
      const y = arange(24).float().reshape(2, 3, 4);
      expect(y.sum([0, 2]).tolist()).toEqual([60, 92, 124]);
      expect(y.max([0, 2]).tolist()).toEqual([15, 19, 23]);
      expect(y.sum(1).tolist()).toEqual([
        [12, 15, 18, 21],
        [48, 51, 54, 57],
      ]);
    });
  });

  test('max gradient is shared between ties', () => {
    tidy(() => {
      const x = tensor([3, 1, 3], { requiresGrad: true });
      x.max().backward();
      expect(x.grad!.tolist()).toEqual([0.5, 0, 0.5]);
    });
  });
});

describe('shape ops', () => {
  test('numel counts elements and size() is the shape, as in PyTorch', () => {
    tidy(() => {
      const x = zeros([2, 3, 4]);
      expect(x.numel()).toBe(24);
      expect(x.size()).toEqual([2, 3, 4]);
      expect(x.size(1)).toBe(3);
      expect(x.size(-1)).toBe(4);
      expect(() => x.size(3)).toThrow('size: dim 3 is out of range for a tensor of rank 3.');
      const shape = x.size();
      shape[0] = 7;
      expect(x.shape).toEqual([2, 3, 4]);
      expect(tensor(5).numel()).toBe(1);
    });
  });

  test('reshape, view, permute, transpose, expand, squeeze', () => {
    tidy(() => {
      const x = arange(6).reshape(2, 3);
      expect(x.tolist()).toEqual([
        [0, 1, 2],
        [3, 4, 5],
      ]);
      expect(x.view(-1).tolist()).toEqual([0, 1, 2, 3, 4, 5]);
      expect(x.T.tolist()).toEqual([
        [0, 3],
        [1, 4],
        [2, 5],
      ]);
      expect(x.reshape(1, 2, 3).permute(2, 0, 1).shape).toEqual([3, 1, 2]);
      expect(x.reshape(1, 2, 3).permute(2, 0, 1).tolist()).toEqual([[[0, 3]], [[1, 4]], [[2, 5]]]);
      expect(
        tensor([[1], [2]])
          .expand(2, 3)
          .tolist(),
      ).toEqual([
        [1, 1, 1],
        [2, 2, 2],
      ]);
      expect(tensor([1, 2]).expand(2, -1).tolist()).toEqual([
        [1, 2],
        [1, 2],
      ]);
      expect(zeros([2, 1, 3, 1]).squeeze().shape).toEqual([2, 3]);
      expect(zeros([2, 1, 3, 1]).squeeze(1).shape).toEqual([2, 3, 1]);
      expect(zeros([2, 3]).unsqueeze(-1).shape).toEqual([2, 3, 1]);
      expect(zeros([2, 3, 4]).flatten(1).shape).toEqual([2, 12]);
    });
  });

  test('reshape is a view that shares data; detach shares data too', () => {
    tidy(() => {
      const x = zeros([2, 2]);
      const v = x.reshape(4);
      x.add_(1);
      expect(v.tolist()).toEqual([1, 1, 1, 1]);
      const d = x.detach();
      d.mul_(3);
      expect(x.tolist()).toEqual([
        [3, 3],
        [3, 3],
      ]);
    });
  });

  test('slice, select, split, cat, stack', () => {
    tidy(() => {
      const x = arange(10).reshape(2, 5);
      expect(x.slice(1, 1, 4).tolist()).toEqual([
        [1, 2, 3],
        [6, 7, 8],
      ]);
      expect(x.slice(1, 0, undefined, 2).tolist()).toEqual([
        [0, 2, 4],
        [5, 7, 9],
      ]);
      expect(x.slice(1, -2).tolist()).toEqual([
        [3, 4],
        [8, 9],
      ]);
      expect(x.slice(1, 3, 1).shape).toEqual([2, 0]);
      expect(x.select(1, 2).tolist()).toEqual([2, 7]);
      expect(x.select(0, -1).tolist()).toEqual([5, 6, 7, 8, 9]);
      expect(x.split(2, 1).map((t) => t.shape)).toEqual([
        [2, 2],
        [2, 2],
        [2, 1],
      ]);
      expect(cat([x, x.slice(1, 0, 1)], 1).tolist()).toEqual([
        [0, 1, 2, 3, 4, 0],
        [5, 6, 7, 8, 9, 5],
      ]);
      expect(cat([x, x], 0).shape).toEqual([4, 5]);
      expect(stack([tensor([1, 2]), tensor([3, 4])], 1).tolist()).toEqual([
        [1, 3],
        [2, 4],
      ]);
    });
  });
});

describe('indexing', () => {
  test('C[X] embedding lookup and its scatter-add gradient', () => {
    tidy(() => {
      const C = tensor(
        [
          [0, 1],
          [10, 11],
          [20, 21],
        ],
        { requiresGrad: true },
      );
      const X = idx([2, 0, 2, 2], [2, 2]);
      const emb = C.index(X);
      expect(emb.shape).toEqual([2, 2, 2]);
      expect(emb.tolist()).toEqual([
        [
          [20, 21],
          [0, 1],
        ],
        [
          [20, 21],
          [20, 21],
        ],
      ]);
      emb.sum().backward();
      expect(C.grad!.tolist()).toEqual([
        [1, 1],
        [0, 0],
        [3, 3],
      ]);
      expect(C.index([1, -1]).tolist()).toEqual([
        [10, 11],
        [20, 21],
      ]);
      expect(C.indexSelect(1, [1]).tolist()).toEqual([[1], [11], [21]]);
    });
  });

  test('gather, where, maskedFill, oneHot, tril/triu', () => {
    tidy(() => {
      const x = tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]);
      expect(x.gather(1, idx([2, 0, 1, 1], [2, 2])).tolist()).toEqual([
        [3, 1],
        [5, 5],
      ]);
      expect(where(tensor([1, 0, 1]), x, -1).tolist()).toEqual([
        [1, -1, 3],
        [4, -1, 6],
      ]);
      expect(x.where(x.gt(3), 0).tolist()).toEqual([
        [0, 0, 0],
        [4, 5, 6],
      ]);
      expect(
        x
          .maskedFill(
            tensor([
              [1, 0, 0],
              [0, 0, 1],
            ]),
            -Infinity,
          )
          .tolist(),
      ).toEqual([
        [-Infinity, 2, 3],
        [4, 5, -Infinity],
      ]);
      expect(oneHot(idx([0, 2]), 3).tolist()).toEqual([
        [1, 0, 0],
        [0, 0, 1],
      ]);
      expect(oneHot(idx([1]), 2, { dtype: 'int32' }).dtype).toBe('int32');
      expect(tril(ones([3, 3])).tolist()).toEqual([
        [1, 0, 0],
        [1, 1, 0],
        [1, 1, 1],
      ]);
      expect(triu(ones([2, 3]), 1).tolist()).toEqual([
        [0, 1, 1],
        [0, 0, 1],
      ]);
    });
  });
});

describe('cross-entropy', () => {
  test('matches a hand computation, skips ignoreIndex rows, supports sum/none', () => {
    tidy(() => {
      const logits = tensor([
        [2, 1, 0.1],
        [0.5, 2.5, 0.3],
        [1, 1, 1],
      ]);
      const lse = (r: number[]) => Math.log(r.reduce((s, v) => s + Math.exp(v), 0));
      const l0 = lse([2, 1, 0.1]) - 2;
      const l1 = lse([0.5, 2.5, 0.3]) - 2.5;
      const l2 = lse([1, 1, 1]) - 1;
      expect(crossEntropy(logits, idx([0, 1, 2])).item()).toBeCloseTo((l0 + l1 + l2) / 3, 6);
      expect(crossEntropy(logits, idx([0, -1, 2]), { ignoreIndex: -1 }).item()).toBeCloseTo((l0 + l2) / 2, 6);
      expect(crossEntropy(logits, idx([0, 1, 2]), { reduction: 'sum' }).item()).toBeCloseTo(l0 + l1 + l2, 5);
      expect(crossEntropy(logits, idx([0, -1, 2]), { reduction: 'none', ignoreIndex: -1 })).toBeAllClose(
        [l0, 0, l2],
        {
          atol: 1e-6,
        },
      );
      // Stable for huge logits.
      expect(crossEntropy(tensor([[1000, 0]]), idx([1])).item()).toBeCloseTo(1000, 3);
      // makemore's first-step sanity figure: uniform logits over 27 characters give -log(1/27).
      expect(crossEntropy(zeros([4, 27]), idx([0, 1, 2, 3])).item()).toBeCloseTo(3.2958, 4);
    });
  });

  test('gradient is (softmax - onehot) / N and zero on ignored rows', () => {
    tidy(() => {
      const logits = tensor(
        [
          [0, 0],
          [1, 1],
          [0, Math.log(3)],
        ],
        { requiresGrad: true },
      );
      crossEntropy(logits, idx([0, -1, 1]), { ignoreIndex: -1 }).backward();
      expect(logits.grad).toBeAllClose(
        [
          [-0.25, 0.25],
          [0, 0],
          [0.125, -0.125],
        ],
        { atol: 1e-6 },
      );
    });
  });
});

describe('layer norm', () => {
  test('matches the mean/variance definition, with weight, bias and eps', () => {
    tidy(() => {
      // Row [1, 2, 3]: mean 2, biased variance 2/3; row [5, 5, 5]: variance 0, so eps alone scales it.
      const x = tensor([
        [1, 2, 3],
        [5, 5, 5],
      ]);
      const s = 1 / Math.sqrt(2 / 3);
      expect(layerNorm(x, { eps: 0 }).slice(0, 0, 1)).toBeAllClose([[-s, 0, s]], { atol: 1e-6 });
      expect(layerNorm(x).slice(0, 1, 2)).toBeAllClose([[0, 0, 0]]);
      const s1 = 1 / Math.sqrt(2 / 3 + 1);
      const y = layerNorm(x, { weight: tensor([1, 2, 3]), bias: tensor([0, 1, 0]), eps: 1 });
      expect(y).toBeAllClose(
        [
          [-s1, 1, 3 * s1],
          [0, 1, 0],
        ],
        { atol: 1e-6 },
      );
    });
  });

  test('refuses integer input, an empty last axis and a negative eps', () => {
    tidy(() => {
      expect(() => layerNorm(idx([1, 2]))).toThrow('layerNorm: x must be floating point, got int32.');
      expect(() => layerNorm(zeros([2, 0]))).toThrow('layerNorm: expected [..., C] with C > 0, got [2, 0].');
      expect(() => layerNorm(zeros([2, 3]), { eps: -1 })).toThrow('eps must be a non-negative number');
    });
  });
});

describe('creation', () => {
  test('tensor, full, zeros, ones, arange', () => {
    tidy(() => {
      expect(tensor(3).shape).toEqual([]);
      expect(tensor(3).item()).toBe(3);
      expect(tensor([]).shape).toEqual([0]);
      expect(tensor(new Int32Array([1, 2])).dtype).toBe('int32');
      expect(tensor(new Float64Array([1, 2])).dtype).toBe('float64');
      expect(tensor([1, 2, 3, 4], { shape: [2, 2] }).tolist()).toEqual([
        [1, 2],
        [3, 4],
      ]);
      expect(full([2], 7).tolist()).toEqual([7, 7]);
      expect(ones([2, 1], { dtype: 'int32' }).tolist()).toEqual([[1], [1]]);
      expect(arange(3).tolist()).toEqual([0, 1, 2]);
      expect(arange(3).dtype).toBe('int32');
      expect(arange(1, 2, 0.25).tolist()).toEqual([1, 1.25, 1.5, 1.75]);
      expect(arange(5, 0, -2).tolist()).toEqual([5, 3, 1]);
    });
  });

  test('float32 storage rounds like torch.float32', () => {
    tidy(() => {
      expect(tensor([0.1]).item()).toBe(Math.fround(0.1));
      expect(tensor([0.1], { dtype: 'float64' }).item()).toBe(0.1);
    });
  });

  test('async data() returns a copy', async () => {
    const t = tensor([1, 2, 3]);
    const d = await t.data();
    expect(Array.from(d)).toEqual([1, 2, 3]);
    d[0] = 99;
    expect(t.dataSync()[0]).toBe(1);
    t.dispose();
  });
});
