import { loadEmbeddedDataset } from '@makemore/data';
import { describe, expect, test } from 'vitest';
import { loadPlaygroundData, loadPlaygroundItems, PASTED_LINES_FILE } from './data.js';

describe('loadPlaygroundItems', () => {
  test('the built-in dataset', () => {
    expect(loadPlaygroundItems({ kind: 'builtin' })).toEqual({
      items: loadEmbeddedDataset('first-names'),
      source: 'first-names',
    });
  });

  test('pasted lines, trimmed, blank lines dropped, case kept as the CLI reads a file', () => {
    expect(loadPlaygroundItems({ kind: 'lines', text: ' Emma\r\n\nava\n' })).toEqual({
      items: ['Emma', 'ava'],
      source: PASTED_LINES_FILE,
    });
  });

  test('an uploaded file, decoded as UTF-8 without its byte order mark, recorded under its name', () => {
    const bytes = new TextEncoder().encode('\uFEFFzoë\nnoah\n');
    expect(loadPlaygroundItems({ kind: 'file', name: 'names.txt', bytes })).toEqual({
      items: ['zoë', 'noah'],
      source: 'names.txt',
    });
  });

  test("binary, non-UTF-8 and empty files get @makemore/data's errors", () => {
    const file = (bytes: number[]) => ({
      kind: 'file' as const,
      name: 'upload.bin',
      bytes: new Uint8Array(bytes),
    });
    expect(() => loadPlaygroundItems(file([0x61, 0, 0x62]))).toThrow(
      /binary file \(it has a NUL byte at offset 1\)/,
    );
    expect(() => loadPlaygroundItems(file([0x61, 0xff]))).toThrow(
      /not valid UTF-8 \(first bad byte at offset 1\)/,
    );
    expect(() => loadPlaygroundItems(file([0x0a, 0x20]))).toThrow(/upload\.bin has no items/);
  });
});

describe('loadPlaygroundData', () => {
  const text = Array.from({ length: 40 }, (_, i) => `name${i}`).join('\n');

  test('splits 80/10/10 by default, and with the scheme it is given', () => {
    const fractions = loadPlaygroundData({ kind: 'lines', text }, 1).split;
    expect([fractions.train.length, fractions.val.length, fractions.test.length]).toEqual([32, 4, 4]);
    const none = loadPlaygroundData({ kind: 'lines', text }, 1, 'none').split;
    expect([none.train.length, none.val.length, none.test.length]).toEqual([40, 0, 0]);
  });
});
