import { describe, expect, test } from 'vitest';
import { ones } from '../creation.js';
import { causalAttention, triu } from '../functional.js';
import { Generator } from '../random.js';
import { randn } from '../random-creation.js';
import { tidy } from '../scope.js';
import type { Tensor } from '../tensor.js';

/** minGPT's attention written out with ops: split heads, masked scaled scores, softmax, merge heads. */
function composed(qkv: Tensor, nh: number): Tensor {
  const [B, T, C3] = qkv.shape as [number, number, number];
  const C = C3 / 3;
  const hs = C / nh;
  const heads = (i: number) =>
    qkv
      .slice(2, i * C, (i + 1) * C)
      .reshape(B, T, nh, hs)
      .permute(0, 2, 1, 3)
      .reshape(B * nh, T, hs);
  const future = triu(ones([T, T], { dtype: qkv.dtype }), 1);
  const att = heads(0)
    .matmul(heads(1).permute(0, 2, 1))
    .mul(1 / Math.sqrt(hs))
    .maskedFill(future, Number.NEGATIVE_INFINITY)
    .softmax(-1);
  return att.matmul(heads(2)).reshape(B, nh, T, hs).permute(0, 2, 1, 3).reshape(B, T, C);
}

describe('causalAttention', () => {
  test.each([
    ['float64', 2, 5, 2, 3],
    ['float32', 3, 9, 4, 8],
  ] as const)(
    'equals the composed minGPT attention (%s, B %i, T %i, %i heads of %i)',
    (dtype, B, T, nh, hs) => {
      tidy(() => {
        const qkv = randn([B, T, 3 * nh * hs], { generator: new Generator(5), dtype });
        const want = composed(qkv, nh);
        const tol = dtype === 'float64' ? { rtol: 1e-12, atol: 1e-12 } : { rtol: 1e-5, atol: 1e-6 };
        expect(causalAttention(qkv, nh)).toBeAllClose(want.dataSync(), tol);
      });
    },
  );

  test('refuses a qkv that is not [B, T, 3C] and heads that do not divide C', () => {
    tidy(() => {
      const g = new Generator(1);
      expect(() => causalAttention(randn([2, 3, 10], { generator: g }), 1)).toThrow(
        'causalAttention: expected qkv of shape [B, T, 3C], got [2, 3, 10].',
      );
      expect(() => causalAttention(randn([2, 3, 12], { generator: g }), 3)).toThrow(
        'causalAttention: nHead (3) must be a positive divisor of C (4).',
      );
    });
  });
});
