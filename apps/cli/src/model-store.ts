import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { CONFIG_FILE, TRAINING_STATE_FILE, WEIGHTS_FILE } from '@makemore/train';
import { UsageError } from './errors.js';

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
    throw new UsageError(`${dir} exists and is not a directory; choose another --out path.`);
  const entries = await readdir(dir);
  if (entries.length > 0 && !entries.includes(CONFIG_FILE)) {
    // Never replace a directory we did not write: it may hold someone's files.
    throw new UsageError(
      `${dir} exists and is not a model directory; choose another --out path or empty it.`,
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

/**
 * Writes a model directory so that a crash at any moment leaves either the previous complete
 * directory or the new complete one: the files go to a temporary sibling directory, are flushed to
 * disk, and the directory is then swapped in with renames.
 *
 * @param dir - the model directory to create or replace
 * @param files - file name to bytes
 * @throws UsageError when `dir` exists and is not a model directory
 */
export async function writeModelDirectory(
  dir: string,
  files: ReadonlyMap<string, Uint8Array>,
): Promise<void> {
  await assertReplaceable(dir);
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  await removeStaleStaging(parent, basename(dir));
  const staging = join(parent, `.${basename(dir)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await mkdir(staging);
  try {
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
    throw new Error(
      `Could not write the model directory ${dir} (${reason}); the previous model there is unchanged.`,
    );
  }
}

/**
 * Reads every file of a model directory. If the process that last wrote it died halfway through the
 * swap, the complete previous version is read instead.
 *
 * @param dir - the model directory
 * @returns file name to bytes
 * @throws UsageError when there is no such directory, or it lacks config.json or model.safetensors
 */
export async function readModelDirectory(dir: string): Promise<Map<string, Uint8Array>> {
  let source = dir;
  if (!(await exists(dir)) && (await exists(dir + PREVIOUS_SUFFIX))) source = dir + PREVIOUS_SUFFIX;
  const info = await stat(source).catch(() => undefined);
  if (info === undefined)
    throw new UsageError(
      `There is no model directory at ${dir}; train one with \`makemore train --out ${dir}\`.`,
    );
  if (!info.isDirectory())
    throw new UsageError(
      `${dir} is not a directory; give the directory that \`makemore train --out\` wrote.`,
    );
  const files = new Map<string, Uint8Array>();
  for (const entry of await readdir(source, { withFileTypes: true })) {
    if (entry.isFile()) files.set(entry.name, new Uint8Array(await readFile(join(source, entry.name))));
  }
  // Said here in the CLI's words; the library's own message speaks of its API.
  const missing = [CONFIG_FILE, WEIGHTS_FILE].find((name) => !files.has(name));
  if (missing !== undefined) {
    throw new UsageError(
      `The model directory has no ${missing}; give a directory written by \`makemore train --out\`.`,
    );
  }
  return files;
}

/**
 * What a directory holds, for the sentence that refuses to overwrite it: e.g. `mlp (step 20,000)`,
 * `bigram`, or null when there is no model there. Read loosely: a damaged model is still a model the
 * user may want to keep.
 *
 * @param dir - a directory that may hold a model
 */
export async function describeStoredModel(dir: string): Promise<string | null> {
  const read = async (name: string): Promise<Record<string, unknown> | null> => {
    const text = await readFile(join(dir, name), 'utf8').catch(() => null);
    if (text === null) return null;
    try {
      const json: unknown = JSON.parse(text);
      return typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  };
  const config = await read(CONFIG_FILE);
  if (config === null) return null;
  const model = typeof config['model'] === 'string' ? config['model'] : 'model';
  const step = (await read(TRAINING_STATE_FILE))?.['step'];
  return typeof step === 'number' ? `${model} (step ${step.toLocaleString('en-US')})` : model;
}
