import { describe, expect, it } from 'vitest';
import { expectDataError } from '../test-support/expect-data-error.js';
import { DEFAULT_DATASET, getDataset, isDatasetName, listDatasets } from './registry.js';

describe('dataset registry', () => {
  it('lists first-names (the default, embedded) and names (remote)', () => {
    const list = listDatasets();
    expect(list.map((info) => info.name)).toEqual(['first-names', 'names']);
    expect(DEFAULT_DATASET).toBe('first-names');
    expect(list[0]!.remote).toBeUndefined();
    expect(list[0]!.items).toBe(8422);
    expect(list[1]).toMatchObject({
      items: 32033,
      license: 'MIT',
      remote: {
        url: 'https://raw.githubusercontent.com/karpathy/makemore/master/names.txt',
        sha256: '0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d',
        fileName: 'names.txt',
      },
    });
    for (const info of list) {
      expect(info.description).not.toBe('');
      expect(info.source).not.toBe('');
      expect(info.license).not.toBe('');
    }
  });

  it('returns copies, so a caller cannot change the registry', () => {
    const list = listDatasets();
    list[1]!.remote!.sha256 = 'tampered';
    list.pop();
    expect(listDatasets()[1]!.remote!.sha256).toBe(
      '0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d',
    );
    getDataset('names').name = 'other';
    expect(getDataset('names').name).toBe('names');
  });

  it('tells dataset names from file names', () => {
    expect(isDatasetName('first-names')).toBe(true);
    expect(isDatasetName('names')).toBe(true);
    expect(isDatasetName('names.txt')).toBe(false);
    expect(isDatasetName('Names')).toBe(false);
    expect(isDatasetName('')).toBe(false);
    expect(isDatasetName('toString')).toBe(false);
  });

  it('refuses an unknown name, listing the known ones', () => {
    expectDataError(
      () => getDataset('words'),
      'UNKNOWN_DATASET',
      'There is no built-in dataset called "words"; use one of first-names, names, or give the path of a text file.',
    );
  });
});
