import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DatasetCache } from '@makemore/data';
import envPaths from 'env-paths';
import writeFileAtomic from 'write-file-atomic';

/**
 * The directory downloaded datasets are cached in: `MAKEMORE_CACHE_DIR` when set, else the
 * platform's user cache directory (e.g. `~/.cache/makemore` on Linux).
 *
 * @param env - the process environment
 * @returns an absolute or cwd-relative directory path
 */
export function cacheDirectory(env: NodeJS.ProcessEnv): string {
  return env['MAKEMORE_CACHE_DIR'] || envPaths('makemore', { suffix: '' }).cache;
}

/**
 * A {@link DatasetCache} on disk. Writes are atomic (temporary file, then rename), so an interrupted
 * download never leaves a half-written file under the real name.
 *
 * @param directory - where cached files live; created on first write
 * @returns the cache
 */
export function diskDatasetCache(directory: string): DatasetCache {
  return {
    async read(fileName) {
      try {
        return new Uint8Array(await readFile(join(directory, fileName)));
      } catch {
        return undefined;
      }
    },
    async write(fileName, bytes) {
      await mkdir(directory, { recursive: true });
      await writeFileAtomic(
        join(directory, fileName),
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      );
    },
  };
}
