import { describe, expect, test } from 'vitest';
import { tensor } from './creation.js';
import { crossEntropy, stack, tril } from './functional.js';
import { Generator } from './random.js';
import { noGrad, tidy } from './scope.js';
import type { Tensor } from './tensor.js';
import { away, idx, r, u } from './test-support/domains.js';
import { gradcheck } from './testing/index.js';

// Composites have no backward rule of their own: these checks prove that building them from
// primitives gives the right gradients.

function check(name: string, make: (g: Generator) => Tensor[], fn: (...xs: Tensor[]) => Tensor): void {
  test(name, () => {
    tidy(() => {
      const inputs = make(new Generator(7));
      expect(gradcheck(fn, inputs).ok).toBe(true);
    });
  });
}

describe('gradcheck of composites', () => {
  check(
    'softmax (last dim)',
    (g) => [r(g, [3, 5])],
    (x) => x.softmax(),
  );
  check(
    'softmax (dim 0)',
    (g) => [r(g, [3, 5])],
    (x) => x.softmax(0),
  );
  check(
    'logSoftmax',
    (g) => [r(g, [2, 3, 4])],
    (x) => x.logSoftmax(-1),
  );
  check(
    'mean (all)',
    (g) => [r(g, [3, 4])],
    (x) => x.mean(),
  );
  check(
    'mean (dims, keepdim)',
    (g) => [r(g, [2, 3, 4])],
    (x) => x.mean([0, 2], true),
  );
  check(
    'var (unbiased, dim 0)',
    (g) => [r(g, [5, 3])],
    (x) => x.var(0),
  );
  check(
    'var (biased, keepdim)',
    (g) => [r(g, [5, 3])],
    (x) => x.var(1, true, 0),
  );
  check(
    'std',
    (g) => [r(g, [4, 3])],
    (x) => x.std(0),
  );
  check(
    'logsumexp',
    (g) => [r(g, [3, 4])],
    (x) => x.logsumexp(1),
  );
  check(
    'min',
    (g) => [r(g, [3, 4])],
    (x) => x.min(1),
  );
  check(
    'stack',
    (g) => [r(g, [2, 3]), r(g, [2, 3])],
    (a, b) => stack([a!, b!], 1),
  );
  check(
    'split',
    (g) => [r(g, [5, 2])],
    (x) => {
      const [a, b, c] = x.split(2, 0);
      return a!.sum().add(b!.mul(2).sum()).add(c!.mul(3).sum());
    },
  );
  check(
    'select',
    (g) => [r(g, [2, 3, 4])],
    (x) => x.select(1, -1),
  );
  check(
    'squeeze / unsqueeze / flatten',
    (g) => [r(g, [2, 1, 3])],
    (x) => x.squeeze(1).unsqueeze(0).flatten(),
  );
  check(
    'tril',
    (g) => [r(g, [3, 3])],
    (x) => tril(x),
  );
  check(
    'square and sqrt chain',
    (g) => [u(g, [4], 0.5, 2)],
    (x) => x.square().add(1).sqrt(),
  );
  check(
    'division by self-dependent term',
    (g) => [away(g, [3])],
    (x) => x.div(x.abs().add(1)),
  );

  check(
    'cross-entropy equals -logSoftmax picked by gather',
    (g) => [r(g, [4, 6])],
    (x) => {
      const t = idx([5, 0, 2, 2], [4, 1]);
      return x.logSoftmax().gather(1, t).neg().mean();
    },
  );

  check(
    '2-layer MLP with embedding and cross-entropy (the lecture model)',
    (g) => [
      r(g, [7, 2]), // C
      r(g, [6, 5]), // W1
      r(g, [5]), // b1
      r(g, [5, 7]), // W2
      r(g, [7]), // b2
    ],
    (C, W1, b1, W2, b2) => {
      const X = idx([1, 2, 3, 0, 0, 6, 5, 4, 1, 2, 2, 2], [4, 3]); // (B, T)
      const Y = idx([4, 0, 6, 1]);
      const emb = C!.index(X); // (4, 3, 2)
      const h = emb.view(4, 6).matmul(W1!).add(b1!).tanh(); // (4, 5)
      const logits = h.matmul(W2!).add(b2!); // (4, 7)
      return crossEntropy(logits, Y);
    },
  );

  check(
    'batch norm built from ops (train mode, as the lecture)',
    (g) => [r(g, [6, 4]), r(g, [4]), r(g, [4])],
    (x, gain, bias) => {
      const mean = x!.mean(0, true);
      const v = x!.var(0, true);
      return x!.sub(mean).div(v.add(1e-5).sqrt()).mul(gain!).add(bias!).tanh();
    },
  );

  check(
    'layer norm built from ops',
    (g) => [r(g, [2, 3, 5]), r(g, [5]), r(g, [5])],
    (x, w, b) => {
      const mean = x!.mean(-1, true);
      const v = x!.var(-1, true, 0);
      return x!.sub(mean).div(v.add(1e-5).sqrt()).mul(w!).add(b!);
    },
  );

  check(
    'causal multi-head self-attention built from ops',
    (g) => [r(g, [2, 4, 6]), r(g, [6, 18]), r(g, [6, 6])],
    (x, Wqkv, Wo) => {
      const [B, T, C, H] = [2, 4, 6, 2];
      const hs = C / H;
      const qkv = x!.matmul(Wqkv!); // (B, T, 3C)
      const [q, k, v] = qkv.split(C, 2);
      const heads = (t: Tensor) =>
        t
          .view(B, T, H, hs)
          .transpose(1, 2)
          .reshape(B * H, T, hs); // (B*H, T, hs)
      const att = heads(q!)
        .matmul(heads(k!).transpose(1, 2))
        .mul(1 / Math.sqrt(hs)); // (B*H, T, T)
      const mask = tril(tensor(new Float32Array(T * T).fill(1), { shape: [T, T] })).eq(0);
      const p = att.maskedFill(mask, Number.NEGATIVE_INFINITY).softmax(-1);
      const y = p.matmul(heads(v!)).view(B, H, T, hs).transpose(1, 2).reshape(B, T, C); // (B, T, C)
      return y.matmul(Wo!).gelu();
    },
  );
});

describe('composite forward values', () => {
  test('softmax rows sum to 1 and match exp(x)/sum', () => {
    tidy(() => {
      const x = tensor([
        [1, 2, 3],
        [1000, 1000, 1000],
      ]);
      expect(x.softmax()).toBeAllClose(
        [
          [0.09003057, 0.24472847, 0.66524096],
          [1 / 3, 1 / 3, 1 / 3],
        ],
        { atol: 1e-6 },
      );
      expect(x.logSoftmax()).toBeAllClose(
        [
          [-2.40760596, -1.40760596, -0.40760596],
          [-1.09861229, -1.09861229, -1.09861229],
        ],
        { atol: 1e-5 },
      );
    });
  });

  test('var uses Bessel correction by default, like torch.var', () => {
    tidy(() => {
      const x = tensor([1, 2, 3, 4]);
      expect(x.var().item()).toBeCloseTo(5 / 3, 6);
      expect(x.var(0, false, 0).item()).toBeCloseTo(1.25, 6);
      expect(x.std().item()).toBeCloseTo(Math.sqrt(5 / 3), 6);
      expect(x.mean().item()).toBe(2.5);
    });
  });

  test('causal mask blocks the future: row t attends only to positions <= t', () => {
    tidy(() => {
      const T = 4;
      const att = tensor(new Float32Array(T * T).fill(0), { shape: [T, T] });
      const mask = tril(tensor(new Float32Array(T * T).fill(1), { shape: [T, T] })).eq(0);
      const p = att.maskedFill(mask, Number.NEGATIVE_INFINITY).softmax(-1);
      expect(p).toBeAllClose(
        [
          [1, 0, 0, 0],
          [0.5, 0.5, 0, 0],
          [1 / 3, 1 / 3, 1 / 3, 0],
          [0.25, 0.25, 0.25, 0.25],
        ],
        { atol: 1e-6 },
      );
    });
  });

  test('fused crossEntropy agrees with the composite -logSoftmax[range, Y].mean()', () => {
    tidy(() =>
      noGrad(() => {
        const g = new Generator(3);
        const x = r(g, [8, 27]);
        const y = idx([0, 5, 26, 3, 3, 1, 9, 12]);
        const fused = crossEntropy(x, y);
        const composite = x.logSoftmax().gather(1, y.view(8, 1)).neg().mean();
        expect(fused).toBeAllClose(composite, { atol: 1e-12 });
      }),
    );
  });
});
