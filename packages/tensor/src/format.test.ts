import { describe, expect, test } from 'vitest';
import { arange, ones, tensor, zeros } from './creation.js';
import { tidy } from './scope.js';

// Expected strings are what PyTorch prints for the same tensors.
describe('toString like PyTorch', () => {
  test('floats with 4 decimals, aligned', () => {
    tidy(() => {
      expect(tensor([1.5, -2.25, 3]).toString()).toBe('tensor([ 1.5000, -2.2500,  3.0000])');
      expect(
        tensor([
          [0.1, 2],
          [3, 4],
        ]).toString(),
      ).toBe('tensor([[0.1000, 2.0000],\n        [3.0000, 4.0000]])');
      expect(tensor(3.5).toString()).toBe('tensor(3.5000)');
    });
  });

  test('integral floats print with a trailing dot; 3-D blocks are separated by a blank line', () => {
    tidy(() => {
      expect(tensor([1, 2]).toString()).toBe('tensor([1., 2.])');
      expect(zeros([2, 2, 2]).toString()).toBe(
        'tensor([[[0., 0.],\n         [0., 0.]],\n\n        [[0., 0.],\n         [0., 0.]]])',
      );
    });
  });

  test('scientific notation for wide ranges; nan and inf', () => {
    tidy(() => {
      expect(tensor([1e-5, 1]).toString()).toBe('tensor([1.0000e-05, 1.0000e+00])');
      expect(tensor([Number.NaN, Number.POSITIVE_INFINITY, -1]).toString()).toBe('tensor([nan, inf, -1.])');
    });
  });

  test('dtype, requires_grad and grad_fn suffixes', () => {
    tidy(() => {
      expect(arange(3).toString()).toBe('tensor([0, 1, 2], dtype=int32)');
      expect(ones([2], { dtype: 'float64' }).toString()).toBe('tensor([1., 1.], dtype=float64)');
      const w = ones([2], { requiresGrad: true });
      expect(w.toString()).toBe('tensor([1., 1.], requires_grad=True)');
      expect(w.tanh().toString()).toBe('tensor([0.7616, 0.7616], grad_fn=<TanhBackward>)');
    });
  });

  test('empty and summarised tensors', () => {
    tidy(() => {
      expect(tensor([]).toString()).toBe('tensor([])');
      expect(zeros([0, 3]).toString()).toBe('tensor([], size=(0, 3))');
      expect(arange(2000).toString()).toBe('tensor([   0,    1,    2,  ..., 1997, 1998, 1999], dtype=int32)');
      const big = arange(1200).reshape(40, 30).toString();
      expect(big.split('\n')).toHaveLength(7);
      expect(big).toContain('        ...,');
    });
  });
});
