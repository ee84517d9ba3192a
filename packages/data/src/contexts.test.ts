import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildContexts } from './contexts.js';
import { expectDataError } from './test-support/expect-data-error.js';
import { Vocab } from './vocab.js';

/** Renders row `i` of X and Y[i] as the lecture prints them: "... ---> e". */
function rows(items: string[], vocab: Vocab, blockSize: number): string[] {
  const { X, Y, count } = buildContexts(items, vocab, blockSize);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const context = [...X.subarray(i * blockSize, (i + 1) * blockSize)].map((id) => vocab.tokenName(id));
    out.push(`${context.join('')} ---> ${vocab.tokenName(Y[i]!)}`);
  }
  return out;
}

describe('buildContexts', () => {
  it("reproduces the lecture's examples for 'emma' with blockSize 3", () => {
    const vocab = Vocab.fromItems(['emma']);
    expect(rows(['emma'], vocab, 3)).toEqual([
      '... ---> e',
      '..e ---> m',
      '.em ---> m',
      'emm ---> a',
      'mma ---> .',
    ]);
  });

  it('returns typed arrays of shape (count, blockSize) and (count)', () => {
    const vocab = Vocab.fromItems(['emma', 'ava']);
    const contexts = buildContexts(['emma', 'ava'], vocab, 2);
    expect(contexts.count).toBe(9);
    expect(contexts.blockSize).toBe(2);
    expect(contexts.X).toBeInstanceOf(Int32Array);
    expect(contexts.Y).toBeInstanceOf(Int32Array);
    expect(contexts.X.length).toBe(18);
    expect(contexts.Y.length).toBe(9);
    // 'ava' starts a fresh context of start tokens rather than continuing from 'emma'.
    expect(rows(['emma', 'ava'], vocab, 2).slice(5)).toEqual([
      '.. ---> a',
      '.a ---> v',
      'av ---> a',
      'va ---> .',
    ]);
  });

  it('uses <START> for the context and <END> for the target in the split layout', () => {
    const vocab = Vocab.fromItems(['ab'], { layout: 'split' });
    expect(rows(['ab'], vocab, 1)).toEqual(['<START> ---> a', 'a ---> b', 'b ---> <END>']);
  });

  it('gives one example per item for empty items and none for no items', () => {
    const vocab = Vocab.fromItems(['a']);
    expect(rows([''], vocab, 2)).toEqual(['.. ---> .']);
    const none = buildContexts([], vocab, 4);
    expect(none.count).toBe(0);
    expect(none.X.length).toBe(0);
  });

  it('handles a context longer than the word', () => {
    const vocab = Vocab.fromItems(['ab']);
    expect(rows(['ab'], vocab, 5)).toEqual(['..... ---> a', '....a ---> b', '...ab ---> .']);
  });

  it.each([0, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses blockSize %s', (blockSize) => {
    expectDataError(
      () => buildContexts(['a'], Vocab.fromItems(['a']), blockSize),
      'BAD_ARGUMENT',
      `The block size must be an integer of at least 1, not ${blockSize}.`,
    );
  });

  it('throws UNKNOWN_CHARACTER for a character outside the vocabulary', () => {
    expectDataError(
      () => buildContexts(['ab', 'abc'], Vocab.fromItems(['ab']), 3),
      'UNKNOWN_CHARACTER',
      `Unknown character 'c' (U+0063) at position 2 of "abc"; it is not in the vocabulary of 2 characters.`,
    );
  });

  it('property: one example per character plus one per item, each row the previous row slid by its target', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c', '😀'), maxLength: 8 }), { maxLength: 8 }),
        fc.integer({ min: 1, max: 5 }),
        (items, blockSize) => {
          const vocab = Vocab.fromItems(items);
          const { X, Y, count } = buildContexts(items, vocab, blockSize);
          expect(count).toBe(items.reduce((sum, item) => sum + [...item].length + 1, 0));
          let row = 0;
          for (const item of items) {
            const ids = vocab.encodeWithBoundaries(item);
            // Padding with start tokens and reading windows gives the same rows.
            const padded = [...new Array<number>(blockSize - 1).fill(vocab.startId), ...ids];
            for (let t = 0; t + blockSize < padded.length; t++) {
              expect([...X.subarray(row * blockSize, (row + 1) * blockSize)]).toEqual(
                padded.slice(t, t + blockSize),
              );
              expect(Y[row]).toBe(padded[t + blockSize]);
              row += 1;
            }
          }
          expect(row).toBe(count);
        },
      ),
    );
  });
});
