import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitItems } from './split.js';
import { expectDataError } from './test-support/expect-data-error.js';

const letters = 'abcdefghijklmnopqrst'.split('');

describe('splitItems', () => {
  it('pins the split of a fixed list for seed 42, so the behaviour cannot silently change', () => {
    expect(splitItems(letters, { seed: 42 })).toEqual(PINNED);
  });

  it('cuts at floor(0.8 n) and floor(0.9 n) by default', () => {
    const items = Array.from({ length: 32_033 }, (_, i) => `w${i}`);
    const { train, val, test } = splitItems(items, { seed: 42 });
    // The lecture's n1 = int(0.8*32033) = 25626, n2 = int(0.9*32033) = 28829.
    expect(train.length).toBe(25_626);
    expect(val.length).toBe(28_829 - 25_626);
    expect(test.length).toBe(32_033 - 28_829);
  });

  it('gives the same split for the same seed and another split for another seed', () => {
    expect(splitItems(letters, { seed: 7 })).toEqual(splitItems(letters, { seed: 7 }));
    expect(splitItems(letters, { seed: 7 }).train).not.toEqual(splitItems(letters, { seed: 8 }).train);
  });

  it('accepts custom fractions', () => {
    const { train, val, test } = splitItems(letters, { seed: 1, fractions: [0.5, 0.25, 0.25] });
    expect([train.length, val.length, test.length]).toEqual([10, 5, 5]);
    const all = splitItems(letters, { seed: 1, fractions: [1, 0, 0] });
    expect([all.train.length, all.val.length, all.test.length]).toEqual([20, 0, 0]);
  });

  it("follows makemore.py in the 'makemore' scheme: test = min(1000, floor(0.1 n)), no validation set", () => {
    const small = splitItems(letters, { seed: 3, scheme: 'makemore' });
    expect([small.train.length, small.val.length, small.test.length]).toEqual([18, 0, 2]);
    const big = Array.from({ length: 32_033 }, (_, i) => `w${i}`);
    const split = splitItems(big, { seed: 3407, scheme: 'makemore' });
    expect([split.train.length, split.val.length, split.test.length]).toEqual([31_033, 0, 1000]);
  });

  it("uses the same permutation in both schemes: the 'makemore' test set is the tail of it", () => {
    const fractions = splitItems(letters, { seed: 5 });
    const makemore = splitItems(letters, { seed: 5, scheme: 'makemore' });
    const permutation = [...fractions.train, ...fractions.val, ...fractions.test];
    expect([...makemore.train, ...makemore.test]).toEqual(permutation);
  });

  it('keeps everything in train when there are too few items for a test set', () => {
    expect(splitItems(['a', 'b', 'c'], { seed: 1, scheme: 'makemore' }).test).toEqual([]);
    expect(splitItems([], { seed: 1 })).toEqual({ train: [], val: [], test: [] });
  });

  it("keeps every item, in order, for training in the 'none' scheme", () => {
    expect(splitItems(letters, { seed: 5, scheme: 'none' })).toEqual({ train: letters, val: [], test: [] });
    expectDataError(
      () => splitItems(letters, { seed: 1, scheme: 'none', fractions: [0.8, 0.1, 0.1] }),
      'BAD_ARGUMENT',
      "Fractions only apply to the 'fractions' and 'lecture' split schemes; leave them out with scheme 'none'.",
    );
  });

  it('leaves the input alone', () => {
    const items = [...letters];
    splitItems(items, { seed: 9 });
    expect(items).toEqual(letters);
  });

  it('property: the three parts are a partition of the items, of the expected sizes', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string(), { maxLength: 200 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.constantFrom(
          'fractions' as const,
          'lecture' as const,
          'makemore' as const,
          'makemore-torch' as const,
          'none' as const,
        ),
        (items, seed, scheme) => {
          const { train, val, test } = splitItems(items, { seed, scheme });
          expect([...train, ...val, ...test].sort()).toEqual([...items].sort());
          const n = items.length;
          if (scheme === 'fractions' || scheme === 'lecture') {
            expect(train.length).toBe(Math.floor(0.8 * n));
            expect(train.length + val.length).toBe(Math.floor(0.9 * n));
          } else if (scheme === 'none') {
            expect(train).toEqual(items);
          } else {
            expect(test.length).toBe(Math.min(1000, Math.floor(0.1 * n)));
            expect(val).toEqual([]);
          }
        },
      ),
    );
  });

  it.each([
    [[0.8, 0.1], '[0.8,0.1]'],
    [[0.8, 0.1, 0.2], '[0.8,0.1,0.2]'],
    [[1.2, -0.1, -0.1], '[1.2,-0.1,-0.1]'],
    [[Number.NaN, 0.5, 0.5], '[null,0.5,0.5]'],
  ])('refuses fractions %j', (fractions, shown) => {
    expectDataError(
      () => splitItems(letters, { seed: 1, fractions: fractions as [number, number, number] }),
      'BAD_ARGUMENT',
      `The split fractions must be three non-negative numbers that add up to 1, such as [0.8, 0.1, 0.1], not ${shown}.`,
    );
  });

  it("refuses fractions with the 'makemore-torch' scheme too", () => {
    expectDataError(
      () => splitItems(letters, { seed: 1, scheme: 'makemore-torch', fractions: [0.8, 0.1, 0.1] }),
      'BAD_ARGUMENT',
      "Fractions only apply to the 'fractions' and 'lecture' split schemes; leave them out with scheme 'makemore-torch'.",
    );
  });

  it("refuses fractions with the 'makemore' scheme", () => {
    expectDataError(
      () => splitItems(letters, { seed: 1, scheme: 'makemore', fractions: [0.8, 0.1, 0.1] }),
      'BAD_ARGUMENT',
      "Fractions only apply to the 'fractions' and 'lecture' split schemes; leave them out with scheme 'makemore'.",
    );
  });

  it('refuses an unknown scheme', () => {
    expectDataError(
      () => splitItems(letters, { seed: 1, scheme: 'random' as 'makemore' }),
      'BAD_ARGUMENT',
      `Unknown split scheme "random"; use 'fractions', 'lecture', 'makemore', 'makemore-torch', 'none'.`,
    );
  });

  it('asks plain JavaScript callers without options to pass { seed }', () => {
    const message =
      'splitItems needs a seed, so the split can be repeated; pass { seed }, e.g. splitItems(items, { seed: 42 }).';
    const untyped = splitItems as (items: unknown, options?: unknown) => unknown;
    expectDataError(() => untyped(letters), 'BAD_ARGUMENT', message);
    expectDataError(() => untyped(letters, {}), 'BAD_ARGUMENT', message);
    expectDataError(
      () => untyped('emma', { seed: 1 }),
      'BAD_ARGUMENT',
      "splitItems takes an array of items, not string; e.g. splitItems(['emma', 'olivia'], { seed: 42 }).",
    );
  });

  it('refuses a bad seed', () => {
    expectDataError(
      () => splitItems(letters, { seed: -3 }),
      'BAD_ARGUMENT',
      'The seed must be an integer from 0 to 4294967295, not -3.',
    );
  });
});

// Computed once with pure-rand 8.4.2 (xoroshiro128plus + uniformInt, Fisher-Yates from the end).
const PINNED = {
  train: ['q', 'h', 'i', 's', 'g', 'e', 'n', 't', 'o', 'l', 'k', 'm', 'd', 'a', 'j', 'c'],
  val: ['b', 'r'],
  test: ['p', 'f'],
};
