import { stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { UsageError } from './errors.js';

/**
 * Writes a whole file atomically (temporary file, then rename), refusing to overwrite a directory.
 *
 * @param path - the file to create or replace
 * @param contents - its new contents
 */
export async function writeOutputFile(path: string, contents: string | Uint8Array): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (info?.isDirectory()) throw new UsageError(`${path} is a directory; give a file path to write to.`);
  const parent = await stat(dirname(path)).catch(() => undefined);
  if (!parent?.isDirectory())
    throw new UsageError(`The folder ${dirname(path)} does not exist; create it or write elsewhere.`);
  await writeFileAtomic(path, typeof contents === 'string' ? contents : Buffer.from(contents));
}
