import { Vocab } from '@makemore/data';
import { describe, expect, it } from 'vitest';
import { buildDataset, buildSequences, longestItemLength } from './data-format.js';

const vocab = Vocab.fromItems(['emma', 'ava']);

describe('buildSequences', () => {
  it("lays out makemore's CharDataset rows", () => {
    const { X, Y, count, targetWidth } = buildSequences(['ava', 'em'], vocab, 5);
    const [a, v, e, m] = ['a', 'v', 'e', 'm'].map((c) => vocab.stoi(c));
    expect(count).toBe(2);
    expect(targetWidth).toBe(5);
    expect([...X]).toEqual([0, a, v, a, 0, 0, e, m, 0, 0]);
    expect([...Y]).toEqual([a, v, a, 0, -1, e, m, 0, -1, -1]);
  });

  it('explains an item too long for the block size', () => {
    expect(() => buildSequences(['emma'], vocab, 4)).toThrow(
      "The item 'emma' has 4 characters but the block size is 4; use a block size of at least 5.",
    );
  });
});

describe('buildDataset', () => {
  it("gives the lecture's windows for window models", () => {
    const d = buildDataset('window', ['emma'], vocab, 3);
    expect(d.count).toBe(5);
    expect(d.targetWidth).toBe(1);
    expect([...d.X.subarray(0, 3)]).toEqual([0, 0, 0]);
  });

  it('measures items in code points', () => {
    expect(longestItemLength(['ab', 'éclair', '😀x'])).toBe(6);
  });
});
