import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from './rng.js';
import { shuffle } from './shuffle.js';

describe('shuffle', () => {
  it('returns a permutation and leaves the input alone', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f'];
    const out = shuffle(items, createRng(1));
    expect(items).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect([...out].sort()).toEqual(items);
    expect(out).not.toEqual(items);
  });

  it('is deterministic for a seed, and advances the generator', () => {
    const rng = createRng(7);
    const first = shuffle([1, 2, 3, 4, 5, 6, 7, 8], rng);
    const second = shuffle([1, 2, 3, 4, 5, 6, 7, 8], rng);
    expect(shuffle([1, 2, 3, 4, 5, 6, 7, 8], createRng(7))).toEqual(first);
    expect(second).not.toEqual(first);
  });

  it('handles empty and single-item lists', () => {
    expect(shuffle([], createRng(0))).toEqual([]);
    expect(shuffle(['x'], createRng(0))).toEqual(['x']);
  });

  it('puts each of 3 items first about a third of the time', () => {
    const rng = createRng(2024);
    const firsts = new Map<string, number>();
    const trials = 30_000;
    for (let i = 0; i < trials; i++) {
      const first = shuffle(['a', 'b', 'c'], rng)[0]!;
      firsts.set(first, (firsts.get(first) ?? 0) + 1);
    }
    // 5 standard deviations of a binomial(30000, 1/3) is about 408.
    for (const item of ['a', 'b', 'c']) expect(Math.abs(firsts.get(item)! - trials / 3)).toBeLessThan(408);
  });

  it('property: the output is a permutation of the input', () => {
    fc.assert(
      fc.property(fc.array(fc.integer()), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (items, seed) => {
        const out = shuffle(items, createRng(seed));
        expect([...out].sort((a, b) => a - b)).toEqual([...items].sort((a, b) => a - b));
      }),
    );
  });
});
