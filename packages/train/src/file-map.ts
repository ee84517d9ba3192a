import { CheckpointError } from './checkpoint-error.js';

/**
 * Checks that `files` is the Map of file name → bytes the checkpoint functions take. The package
 * has no file-system code (it runs in browsers too), so a path, the usual first guess from plain
 * JavaScript, would otherwise fail deep inside with "files.get is not a function".
 *
 * @param files - what the caller passed
 * @param fn - the function's name, for the message
 * @throws {@link CheckpointError} `BAD_ARGUMENT` when `files` has no `get` method
 */
export function checkFileMap(files: unknown, fn: string): asserts files is ReadonlyMap<string, Uint8Array> {
  if (typeof (files as { get?: unknown } | null | undefined)?.get === 'function') return;
  const path = typeof files === 'string' ? files : 'runs/m';
  const got = typeof files === 'string' ? `a path ('${files}')` : files === null ? 'null' : typeof files;
  throw new CheckpointError(
    'BAD_ARGUMENT',
    `${fn} takes the directory's files as a Map of file name → bytes, not ${got}; in Node, read them with readModelDirectory('${path}') from '@makemore/train/node'.`,
  );
}
