import { expect, test } from 'vitest';
import { noveltyReport } from './novelty.js';

test('marks each sample with the split it was found in, or new', () => {
  const report = noveltyReport(['emma', 'zed', 'ava', 'emma', 'liv'], {
    train: ['emma'],
    val: ['ava'],
    test: ['liv', 'emma'],
  });
  expect(report.samples.map((s) => s.status)).toEqual(['train', 'new', 'val', 'train', 'test']);
  expect(report.counts).toEqual({ new: 1, train: 2, val: 1, test: 1 });
});

test('unique drops repeated samples', () => {
  const report = noveltyReport(['a', 'b', 'a', 'a'], {}, { unique: true });
  expect(report.samples).toEqual([
    { sample: 'a', status: 'new' },
    { sample: 'b', status: 'new' },
  ]);
  expect(report.counts.new).toBe(2);
});
