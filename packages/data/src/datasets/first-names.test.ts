import { describe, expect, it } from 'vitest';
import { expectDataError } from '../test-support/expect-data-error.js';
import { Vocab } from '../vocab.js';
import { loadEmbeddedDataset } from './first-names.js';

describe('loadEmbeddedDataset("first-names")', () => {
  const names = loadEmbeddedDataset('first-names');

  it('has 8,422 names', () => {
    expect(names.length).toBe(8422);
  });

  it('is trimmed, lower-cased, de-duplicated and sorted', () => {
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual([...names].sort());
    for (const name of names) {
      expect(name).toBe(name.trim().toLowerCase());
      expect(name).not.toBe('');
    }
    expect(names.slice(0, 3)).toEqual(['aaren', 'aarika', 'aaron']);
    expect(names).toContain('emma');
  });

  it('uses the characters -abcdefghijklmnopqrstuvwxyz', () => {
    expect(Vocab.fromItems(names).chars.join('')).toBe('-abcdefghijklmnopqrstuvwxyz');
  });

  it('returns a fresh array on each call', () => {
    const first = loadEmbeddedDataset('first-names');
    first.length = 0;
    expect(loadEmbeddedDataset('first-names').length).toBe(8422);
  });

  it('refuses a dataset that is not embedded', () => {
    expectDataError(
      () => loadEmbeddedDataset('names' as 'first-names'),
      'UNKNOWN_DATASET',
      '"names" is not an embedded dataset; the only one is "first-names" (download the others with downloadDataset).',
    );
  });
});
