import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CheckpointError } from '../checkpoint-error.js';
import { CONFIG_FILE, WEIGHTS_FILE } from '../model-directory.js';

// While a new version is swapped in, the previous one lives here, so there is always a complete
// model directory at `dir` or at `dir.previous`, whenever the process dies.
const PREVIOUS_SUFFIX = '.previous';

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}

async function fsyncDirectory(path: string): Promise<void> {
  const handle = await open(path, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function assertReplaceable(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined) return;
  if (!info.isDirectory())
    throw new CheckpointError(
      'NOT_MODEL_DIRECTORY',
      `${dir} exists and is not a directory; choose another path.`,
    );
  const entries = await readdir(dir);
  if (entries.length > 0 && !entries.includes(CONFIG_FILE)) {
    // Never replace a directory we did not write: it may hold someone's files.
    throw new CheckpointError(
      'NOT_MODEL_DIRECTORY',
      `${dir} exists and is not a model directory; choose another path or empty it.`,
    );
  }
}

const STAGING_PATTERN = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// A writer killed mid-way leaves its staging directory behind; the next writer of the same model
// removes those whose process is gone.
async function removeStaleStaging(parent: string, name: string): Promise<void> {
  for (const entry of await readdir(parent).catch(() => [] as string[])) {
    const match = STAGING_PATTERN.exec(entry);
    if (match?.[1] === name && !isRunning(Number(match[2]))) {
      await rm(join(parent, entry), { recursive: true, force: true });
    }
  }
}

function checkFiles(files: unknown): asserts files is ReadonlyMap<string, Uint8Array> {
  const ok =
    files instanceof Map &&
    [...files].every(([name, bytes]) => typeof name === 'string' && bytes instanceof Uint8Array);
  if (!ok) {
    throw new CheckpointError(
      'BAD_ARGUMENT',
      'writeModelDirectory takes the files as a Map of file name → Uint8Array, e.g. model.save().',
    );
  }
  for (const name of files.keys()) {
    // The names become paths: a name with a separator would write outside the directory.
    if (name === '' || name === '.' || name === '..' || /[/\\]/.test(name)) {
      throw new CheckpointError(
        'BAD_ARGUMENT',
        `'${name}' is not a plain file name; model files have no directories.`,
      );
    }
  }
}

/**
 * Writes a model directory so that a crash at any moment leaves either the previous complete
 * directory or the new complete one: the files go to a temporary sibling directory, are flushed to
 * disk, and the directory is then swapped in with renames. A directory that holds other files than a
 * model's is never replaced.
 *
 * @param dir - the model directory to create or replace
 * @param files - file name to bytes, e.g. `model.save()`
 * @throws {@link CheckpointError} `NOT_MODEL_DIRECTORY` when `dir` exists and is not a model
 *   directory; `WRITE_FAILED` when writing failed (the previous model is unchanged)
 * @example
 * ```ts
 * await writeModelDirectory('models/names', model.save());
 * ```
 */
export async function writeModelDirectory(
  dir: string,
  files: ReadonlyMap<string, Uint8Array>,
): Promise<void> {
  checkFiles(files);
  await assertReplaceable(dir);
  const parent = dirname(dir);
  const staging = join(parent, `.${basename(dir)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(parent, { recursive: true });
    await removeStaleStaging(parent, basename(dir));
    await mkdir(staging);
    for (const [name, bytes] of files) await writeFile(join(staging, name), bytes, { flush: true });
    await fsyncDirectory(staging);
    const previous = dir + PREVIOUS_SUFFIX;
    if (await exists(dir)) {
      await rm(previous, { recursive: true, force: true });
      await rename(dir, previous);
    }
    await rename(staging, dir);
    await fsyncDirectory(parent);
    await rm(previous, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : String(error);
    throw new CheckpointError(
      'WRITE_FAILED',
      `Could not write the model directory ${dir} (${reason}); the previous model there is unchanged.`,
    );
  }
}

/**
 * Reads every file of a model directory, ready for `loadModel`. If the process that last wrote it
 * died halfway through the swap, the complete previous version is read instead.
 *
 * @param dir - the model directory
 * @returns file name to bytes
 * @throws {@link CheckpointError} `NO_DIRECTORY` when there is nothing at `dir`, `NOT_A_DIRECTORY`
 *   for a file; `MISSING_FILE` (with `file`) when it lacks config.json or model.safetensors
 * @example
 * ```ts
 * const model = loadModel(await readModelDirectory('models/names'));
 * ```
 */
export async function readModelDirectory(dir: string): Promise<Map<string, Uint8Array>> {
  let source = dir;
  if (!(await exists(dir)) && (await exists(dir + PREVIOUS_SUFFIX))) source = dir + PREVIOUS_SUFFIX;
  const info = await stat(source).catch(() => undefined);
  if (info === undefined) throw new CheckpointError('NO_DIRECTORY', `There is no model directory at ${dir}.`);
  if (!info.isDirectory()) {
    throw new CheckpointError(
      'NOT_A_DIRECTORY',
      `${dir} is a file, not a model directory; give the directory that holds config.json.`,
    );
  }
  const files = new Map<string, Uint8Array>();
  for (const entry of await readdir(source, { withFileTypes: true })) {
    // A Uint8Array of its own, not a Buffer that views Node's shared pool.
    if (entry.isFile()) files.set(entry.name, new Uint8Array(await readFile(join(source, entry.name))));
  }
  const missing = [CONFIG_FILE, WEIGHTS_FILE].find((name) => !files.has(name));
  if (missing !== undefined) {
    throw new CheckpointError(
      'MISSING_FILE',
      `${dir} has no ${missing}, so it is not a model directory.`,
      missing,
    );
  }
  return files;
}
