import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { diskDatasetCache } from './disk-cache.js';

const bytes = new TextEncoder().encode('emma\nolivia\n');

describe('diskDatasetCache', () => {
  it('reads nothing before a write, and the written bytes after it', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'makemore-cache-')), 'nested', 'cache');
    const cache = diskDatasetCache(dir);
    expect(await cache.read('names.txt')).toBeUndefined();
    await cache.write('names.txt', bytes);
    const read = await cache.read('names.txt');
    expect(read).toEqual(bytes);
    // Its own bytes, not a view of Node's shared Buffer pool.
    expect(Buffer.isBuffer(read)).toBe(false);
    expect(readFileSync(join(dir, 'names.txt'), 'utf8')).toBe('emma\nolivia\n');
  });

  it('takes the directory as a file: URL, and leaves no temporary file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'makemore-cache-'));
    const cache = diskDatasetCache(pathToFileURL(`${dir}/`));
    await cache.write('names.txt', bytes);
    await cache.write('names.txt', bytes.subarray(0, 5));
    expect(readdirSync(dir)).toEqual(['names.txt']);
    expect(await cache.read('names.txt')).toEqual(bytes.subarray(0, 5));
  });

  it('fails a write it cannot make, leaving no temporary file behind', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'makemore-cache-'));
    // A directory, not empty, where the file should go: the rename onto it fails.
    mkdirSync(join(dir, 'names.txt'));
    writeFileSync(join(dir, 'names.txt', 'other'), '');
    await expect(diskDatasetCache(dir).write('names.txt', bytes)).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['names.txt']);
  });
});
