import { describe, expect, test } from 'vitest';
import { onesLike, tensor } from '../creation.js';
import { Generator } from '../random.js';
import { randn } from '../random-creation.js';
import { tidy } from '../scope.js';
import { compareGradients, formatGradientComparison } from './compare-gradients.js';

describe('compareGradients', () => {
  test("matches autograd's tanh gradient derived by hand, as the lecture's cmp", () => {
    tidy(() => {
      const x = randn([4, 3], { generator: new Generator(0), dtype: 'float64', requiresGrad: true });
      x.tanh().sum().backward();
      const dx = onesLike(x).sub(x.tanh().square());
      const comparison = compareGradients('x', dx, x.grad);
      expect(comparison.approximate).toBe(true);
      expect(comparison.maxDiff).toBeLessThan(1e-15);
      expect(comparison.name).toBe('x');
    });
  });

  test('tells exact, approximate and different apart, with the largest difference', () => {
    tidy(() => {
      const autograd = tensor([1, 2, 3], { dtype: 'float64' });
      expect(compareGradients('a', tensor([1, 2, 3], { dtype: 'float64' }), autograd)).toEqual({
        name: 'a',
        exact: true,
        approximate: true,
        maxDiff: 0,
      });
      const close = compareGradients('b', tensor([1, 2 + 1e-12, 3], { dtype: 'float64' }), autograd);
      expect([close.exact, close.approximate]).toEqual([false, true]);
      expect(close.maxDiff).toBe(2 + 1e-12 - 2); // 1e-12 as doubles round it
      const far = compareGradients('c', tensor([1, 2.5, 2], { dtype: 'float64' }), autograd);
      expect(far).toEqual({ name: 'c', exact: false, approximate: false, maxDiff: 1 });
    });
  });

  test('accepts looser tolerances, as allclose does', () => {
    tidy(() => {
      const manual = tensor([1, 2.001]);
      const autograd = tensor([1, 2]);
      expect(compareGradients('w', manual, autograd).approximate).toBe(false);
      expect(compareGradients('w', manual, autograd, { atol: 1e-2 }).approximate).toBe(true);
    });
  });

  test('a NaN makes the comparison fail and the max difference NaN', () => {
    tidy(() => {
      const comparison = compareGradients('n', tensor([Number.NaN, 1]), tensor([0, 1]));
      expect(comparison.exact).toBe(false);
      expect(comparison.approximate).toBe(false);
      expect(comparison.maxDiff).toBeNaN();
    });
  });

  test("refuses a gradient that only broadcasts to autograd's shape, or a missing one", () => {
    tidy(() => {
      // dbngain must be (1, 64) like bngain, not (64): a forgotten keepdim.
      expect(() => compareGradients('dbngain', tensor([1, 2]), tensor([[1, 2]]))).toThrow(
        "compareGradients: dbngain's manual gradient has shape [2], autograd's [1, 2].",
      );
      expect(() => compareGradients('dx', tensor([1]), null)).toThrow(/dx has no autograd gradient/);
    });
  });
});

describe('formatGradientComparison', () => {
  test("prints the lecture's cmp line", () => {
    expect(formatGradientComparison({ name: 'logprobs', exact: true, approximate: true, maxDiff: 0 })).toBe(
      'logprobs        | exact: True  | approximate: True  | maxdiff: 0',
    );
    expect(
      formatGradientComparison({
        name: 'hprebn',
        exact: false,
        approximate: true,
        maxDiff: 9.313225746154785e-10,
      }),
    ).toBe('hprebn          | exact: False | approximate: True  | maxdiff: 9.313225746154785e-10');
  });
});
