import { Vocab } from '@makemore/data';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectDataError } from '../../data/src/test-support/expect-data-error.js';
import { BigramCounts } from './counts.js';

const items = ['emma', 'olivia', 'ava'];
const vocab = Vocab.fromItems(items); // . a e i l m o v

describe('BigramCounts.fromItems', () => {
  const counts = BigramCounts.fromItems(items, vocab);
  const id = (token: string) => vocab.stoi(token);

  it('counts every bigram of every item with the boundary tokens', () => {
    expect(counts.total).toBe(5 + 7 + 4);
    expect(counts.get(id('.'), id('e'))).toBe(1);
    expect(counts.get(id('m'), id('m'))).toBe(1);
    expect(counts.get(id('a'), id('.'))).toBe(3);
    expect(counts.get(id('v'), id('i'))).toBe(1);
    expect(counts.get(id('v'), id('a'))).toBe(1);
    expect(counts.get(id('.'), id('.'))).toBe(0);
  });

  it('stores a (size, size) Int32Array with row = previous, column = next', () => {
    expect(counts.counts).toBeInstanceOf(Int32Array);
    expect(counts.counts.length).toBe(64);
    expect(counts.counts[id('.') * 8 + id('o')]).toBe(1);
    expect(counts.counts[id('o') * 8 + id('.')]).toBe(0);
    expect(counts.vocab).toBe(vocab);
  });

  it('uses <START> rows and <END> columns in the split layout', () => {
    const split = Vocab.fromItems(['ab'], { layout: 'split' });
    const table = BigramCounts.fromItems(['ab', 'b'], split);
    // a b <START> <END>
    expect([...table.counts]).toEqual([0, 1, 0, 0, 0, 0, 0, 2, 1, 1, 0, 0, 0, 0, 0, 0]);
  });

  it('counts an empty item as one start → end bigram', () => {
    expect(BigramCounts.fromItems([''], vocab).get(0, 0)).toBe(1);
  });

  it('throws UNKNOWN_CHARACTER for a character outside the vocabulary', () => {
    expectDataError(
      () => BigramCounts.fromItems(['emmy'], vocab),
      'UNKNOWN_CHARACTER',
      `Unknown character 'y' (U+0079) at position 3 of "emmy"; it is not in the vocabulary of 7 characters.`,
    );
  });

  it.each([
    [-1, 0, 'previous', -1],
    [0, 8, 'next', 8],
    [0.5, 0, 'previous', 0.5],
  ])('refuses get(%s, %s)', (prev, next, what, bad) => {
    expectDataError(
      () => counts.get(prev, next),
      'BAD_ARGUMENT',
      `The ${what} token id ${bad} is out of range; this vocabulary has ids 0 to 7.`,
    );
  });

  it('property: total is the number of characters plus the number of items', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('x', 'y', 'z', '😀') })), (words) => {
        const table = BigramCounts.fromItems(words, Vocab.fromItems(words));
        expect(table.total).toBe(words.reduce((sum, word) => sum + [...word].length + 1, 0));
        // Every word leaves the start token once and enters the end token once.
        const size = table.vocab.size;
        const fromStart = table.counts.subarray(0, size).reduce((a, b) => a + b, 0);
        let intoEnd = 0;
        for (let prev = 0; prev < size; prev++) intoEnd += table.counts[prev * size]!;
        expect(fromStart).toBe(words.length);
        expect(intoEnd).toBe(words.length);
      }),
    );
  });
});

describe('BigramCounts.mostCommon', () => {
  const counts = BigramCounts.fromItems(['ab', 'ab', 'ba', 'c'], Vocab.fromItems(['abc']));

  it('sorts by count, then by previous and next id, and leaves out unseen bigrams', () => {
    expect(counts.mostCommon()).toEqual([
      { prev: '.', next: 'a', count: 2 },
      { prev: 'a', next: 'b', count: 2 },
      { prev: 'b', next: '.', count: 2 },
      { prev: '.', next: 'b', count: 1 },
      { prev: '.', next: 'c', count: 1 },
      { prev: 'a', next: '.', count: 1 },
      { prev: 'b', next: 'a', count: 1 },
      { prev: 'c', next: '.', count: 1 },
    ]);
  });

  it('returns the first k', () => {
    expect(counts.mostCommon(2).map(({ prev, next }) => prev + next)).toEqual(['.a', 'ab']);
    expect(counts.mostCommon(0)).toEqual([]);
    expect(counts.mostCommon(100)).toHaveLength(8);
  });

  it('names split-layout boundary tokens', () => {
    const split = BigramCounts.fromItems(['a'], Vocab.fromItems(['a'], { layout: 'split' }));
    expect(split.mostCommon()).toEqual([
      { prev: 'a', next: '<END>', count: 1 },
      { prev: '<START>', next: 'a', count: 1 },
    ]);
  });

  it.each([-1, 1.5, Number.NaN])('refuses k = %s', (k) => {
    expectDataError(
      () => counts.mostCommon(k),
      'BAD_ARGUMENT',
      `The number of bigrams to list must be an integer of at least 0, not ${k}.`,
    );
  });
});

describe('BigramCounts.fromArray', () => {
  const small = Vocab.fromItems(['a']); // . a

  it('copies a valid table', () => {
    const source = [0, 2, 3, 0];
    const table = BigramCounts.fromArray(small, source);
    source[1] = 99;
    expect([...table.counts]).toEqual([0, 2, 3, 0]);
    expect(table.total).toBe(5);
  });

  it('refuses a table of the wrong length', () => {
    expectDataError(
      () => BigramCounts.fromArray(small, [1, 2, 3]),
      'BAD_ARGUMENT',
      'The bigram counts have 3 entries but a vocabulary of 2 tokens needs 4 (2 × 2).',
    );
  });

  it.each([
    [[0, -1, 0, 0], 1, '-1'],
    [[0, 0, 1.5, 0], 2, '1.5'],
    [[0, 0, 0, 2 ** 31], 3, '2147483648'],
    [[0, '1', 0, 0], 1, '"1"'],
    [[null, 0, 0, 0], 0, 'null'],
    [[0, 0, Number.NaN, 0], 2, 'null'],
  ])('refuses %j', (table, index, shown) => {
    expectDataError(
      () => BigramCounts.fromArray(small, table as number[]),
      'BAD_ARGUMENT',
      `Bigram count ${index} is ${shown}, not an integer from 0 to 2147483647.`,
    );
  });
});
