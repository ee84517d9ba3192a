import { expect, it } from 'vitest';
import { buildContexts } from './contexts.js';
import { fingerprintItems } from './fingerprint.js';
import { parseItems } from './parse-items.js';
import { splitItems } from './split.js';
import { describeWithNames } from './test-support/names-file.js';
import { Vocab } from './vocab.js';

// Known facts about makemore's names.txt (see ../shared/data/README.md and the lectures).
describeWithNames('names.txt goldens', ({ text, items }) => {
  it('has 32,033 items and no blank lines', () => {
    const parsed = parseItems(text);
    expect(parsed.items.length).toBe(32_033);
    expect(parsed.lines).toBe(32_033);
    expect(parsed.dropped.blank).toBe(0);
    expect(items.slice(0, 3)).toEqual(['emma', 'olivia', 'ava']);
  });

  it('has a 27-token shared vocabulary and a 28-token split one', () => {
    const shared = Vocab.fromItems(items);
    expect(shared.size).toBe(27);
    expect(shared.itos.join('')).toBe('.abcdefghijklmnopqrstuvwxyz');
    const split = Vocab.fromItems(items, { layout: 'split' });
    expect(split.size).toBe(28);
    expect(split.startId).toBe(26);
    expect(split.endId).toBe(27);
  });

  it('gives 228,146 contexts at blockSize 3, the first ones as in the lecture', () => {
    const vocab = Vocab.fromItems(items);
    const { X, Y, count } = buildContexts(items, vocab, 3);
    expect(count).toBe(228_146);
    expect(X.length).toBe(228_146 * 3);
    expect([...X.subarray(0, 15)]).toEqual([0, 0, 0, 0, 0, 5, 0, 5, 13, 5, 13, 13, 13, 13, 1]);
    expect([...Y.subarray(0, 5)]).toEqual([5, 13, 13, 1, 0]);
  });

  it('splits 25,626 / 3,203 / 3,204 with fractions and 31,033 / 0 / 1,000 like makemore', () => {
    const lecture = splitItems(items, { seed: 42 });
    expect([lecture.train.length, lecture.val.length, lecture.test.length]).toEqual([25_626, 3_203, 3_204]);
    const makemore = splitItems(items, { seed: 3407, scheme: 'makemore' });
    expect([makemore.train.length, makemore.val.length, makemore.test.length]).toEqual([31_033, 0, 1_000]);
  });

  it("rebuilds the lecture's own split: Python's random.seed(42); random.shuffle(words), cut at 80% and 90%", () => {
    // Printed by CPython 3 from names.txt, as the lecture's notebook does it.
    const { train, val, test } = splitItems(items, { seed: 42, scheme: 'lecture' });
    expect([train.length, val.length, test.length]).toEqual([25_626, 3_203, 3_204]);
    expect(train.slice(0, 5)).toEqual(['yuheng', 'diondre', 'xavien', 'jori', 'juanluis']);
    expect(val.slice(0, 3)).toEqual(['amay', 'aytana', 'jenevi']);
    expect(test.slice(0, 3)).toEqual(['mustafa', 'reuben', 'kahlel']);
    expect(test.slice(-2)).toEqual(['zaylynn', 'yovani']);
  });

  it("rebuilds makemore.py's own split: torch.manual_seed(3407); torch.randperm(n), the last 1,000 for test", () => {
    // Printed by PyTorch 1.13 from names.txt, as makemore.py's create_datasets does it.
    const { train, val, test } = splitItems(items, { seed: 3407, scheme: 'makemore-torch' });
    expect([train.length, val.length, test.length]).toEqual([31_033, 0, 1_000]);
    expect(train.slice(0, 3)).toEqual(['apollo', 'jayliani', 'cassidy']);
    expect(test.slice(0, 3)).toEqual(['kalub', 'shaima', 'sthefany']);
    expect(test.slice(-3)).toEqual(['doruk', 'jholie', 'jvion']);
  });

  it('has a stable fingerprint', async () => {
    // The file has no trailing newline, so the items joined by '\n' are exactly its bytes.
    expect(await fingerprintItems(items)).toBe(
      '0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d',
    );
  });
});
