import { describe, expect, test } from 'vitest';
import { allClose, allCloseMismatch } from './all-close.js';

describe('allClose with infinities', () => {
  test('an infinity is close only to the same infinity, as in NumPy', () => {
    expect(allClose([Number.POSITIVE_INFINITY], [Number.POSITIVE_INFINITY])).toBe(true);
    expect(allClose([Number.NEGATIVE_INFINITY], [Number.POSITIVE_INFINITY], { rtol: 1 })).toBe(false);
    expect(allClose([1], [Number.POSITIVE_INFINITY], { rtol: 1 })).toBe(false);
    expect(allCloseMismatch([2, Number.NEGATIVE_INFINITY], [2, 5])).toBe('element 1: -Infinity vs 5');
  });
});
