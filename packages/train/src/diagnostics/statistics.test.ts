import { describe, expect, it } from 'vitest';
import { fractionAbove, histogram, moments } from './statistics.js';

describe('moments', () => {
  it('gives the mean and the Bessel-corrected standard deviation, as torch.std()', () => {
    const { mean, std } = moments([1, 2, 3, 4]);
    expect(mean).toBe(2.5);
    expect(std).toBeCloseTo(Math.sqrt(5 / 3), 12);
  });

  it('gives a standard deviation of 0 for one value or none', () => {
    expect(moments([7])).toEqual({ mean: 7, std: 0 });
    expect(moments([])).toEqual({ mean: 0, std: 0 });
  });
});

describe('histogram', () => {
  it('spreads equal bins from the smallest to the largest value, the largest in the last bin', () => {
    const h = histogram([0, 1, 2, 3, 4], 4);
    expect(h.edges).toEqual([0, 1, 2, 3, 4]);
    expect(h.counts).toEqual([1, 1, 1, 2]);
  });

  it('counts every value, infinities in the end bins and NaN in the first', () => {
    const values = [Number.NEGATIVE_INFINITY, -1, 0.5, 1, Number.POSITIVE_INFINITY, Number.NaN];
    const h = histogram(values, 2);
    expect(h.edges).toEqual([-1, 0, 1]);
    expect(h.counts).toEqual([3, 3]);
  });

  it('widens the range of constant values so the edges still increase', () => {
    const h = histogram([2, 2, 2], 2);
    expect(h.edges).toEqual([1.5, 2, 2.5]);
    expect(h.counts).toEqual([0, 3]);
  });
});

describe('fractionAbove', () => {
  it('counts magnitudes strictly beyond the threshold', () => {
    expect(fractionAbove([0.97, -0.98, 0.99, 0], 0.97)).toBe(0.5);
    expect(fractionAbove([], 0.97)).toBe(0);
  });
});
