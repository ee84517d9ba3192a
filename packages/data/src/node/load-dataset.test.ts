import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { loadEmbeddedDataset } from '../datasets/first-names.js';
import { expectDataErrorAsync } from '../test-support/expect-data-error.js';
import { describeWithNames } from '../test-support/names-file.js';
import { loadDataset } from './load-dataset.js';

const offline = vi.fn(async () => {
  throw new TypeError('fetch failed');
});

describe('loadDataset', () => {
  it('returns the items of an embedded dataset without a download', async () => {
    expect(await loadDataset('first-names', { fetch: offline })).toEqual(loadEmbeddedDataset('first-names'));
    expect(offline).not.toHaveBeenCalled();
  });

  it('lower-cases on request', async () => {
    const items = await loadDataset('first-names', { lowercase: true });
    expect(items.every((item) => item === item.toLowerCase())).toBe(true);
  });

  it('fails as downloadDataset does for an unknown name', async () => {
    await expectDataErrorAsync(() => loadDataset('words'), 'UNKNOWN_DATASET', /words/);
  });
});

describeWithNames('loadDataset("names") with the real names.txt', ({ text, items }) => {
  const serve = () => vi.fn(async () => new Response(text));

  it('downloads into the cache directory once, then reads it from there', async () => {
    const cacheDirectory = join(mkdtempSync(join(tmpdir(), 'makemore-load-')), 'cache');
    const fetch = serve();
    expect(await loadDataset('names', { fetch, cacheDirectory })).toEqual(items);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(readdirSync(cacheDirectory)).toEqual(['names.txt']);
    expect(await loadDataset('names', { fetch: offline, cacheDirectory })).toEqual(items);
  });

  it('downloads every time without a cache directory', async () => {
    const fetch = serve();
    await loadDataset('names', { fetch });
    await loadDataset('names', { fetch });
    expect(fetch).toHaveBeenCalledTimes(2);
  });
});
