import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DatasetCache } from '../datasets/download.js';

/**
 * A {@link DatasetCache} in a directory on disk, for `downloadDataset`. A file is written under a
 * temporary name and then renamed, so an interrupted download never leaves a half-written file under
 * the real name (and `downloadDataset` checks the sha256 of whatever it reads back anyway).
 *
 * @param directory - where the cached files live, as a path or a `file:` URL; created on first write.
 * @returns the cache.
 *
 * @example
 * ```ts
 * const text = await downloadDataset('names', { cache: diskDatasetCache('.cache/makemore') });
 * ```
 */
export function diskDatasetCache(directory: string | URL): DatasetCache {
  const dir = typeof directory === 'string' ? directory : fileURLToPath(directory);
  return {
    async read(fileName) {
      try {
        // A Uint8Array of its own, not a Buffer that views Node's shared pool.
        return new Uint8Array(await readFile(join(dir, fileName)));
      } catch {
        return undefined;
      }
    },
    async write(fileName, bytes) {
      await mkdir(dir, { recursive: true });
      const path = join(dir, fileName);
      const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      try {
        await writeFile(temporary, bytes);
        await rename(temporary, path);
      } catch (error) {
        await rm(temporary, { force: true });
        throw error;
      }
    },
  };
}
