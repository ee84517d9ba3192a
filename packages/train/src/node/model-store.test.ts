import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test, vi } from 'vitest';
import { CheckpointError } from '../checkpoint-error.js';
import { readModelDirectory, writeModelDirectory } from './model-store.js';

const tempDir = () => mkdtemp(join(tmpdir(), 'makemore-store-'));

// Simulates a full disk: writes of files with this name fail with ENOSPC while it is set.
const diskFull = vi.hoisted(() => ({ failing: undefined as string | undefined }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    writeFile: async (...args: Parameters<typeof real.writeFile>) => {
      if (diskFull.failing !== undefined && String(args[0]).endsWith(diskFull.failing)) {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      return real.writeFile(...args);
    },
  };
});

const encode = (text: string) => new TextEncoder().encode(text);

function version(files: Map<string, Uint8Array>): number {
  return JSON.parse(new TextDecoder().decode(files.get('config.json'))).version;
}

describe('writeModelDirectory', () => {
  test('a failed write (disk full) keeps the previous model and leaves no staging files', async () => {
    const parent = await tempDir();
    const dir = join(parent, 'model');
    await writeModelDirectory(
      dir,
      new Map([
        ['config.json', encode('{"version":1}')],
        ['model.safetensors', encode('old')],
      ]),
    );
    diskFull.failing = 'model.safetensors';
    await expect(
      writeModelDirectory(
        dir,
        new Map([
          ['config.json', encode('{"version":2}')],
          ['model.safetensors', encode('new')],
        ]),
      ),
    ).rejects.toThrow(
      `Could not write the model directory ${dir} (ENOSPC: no space left on device, write); the previous model there is unchanged.`,
    );
    diskFull.failing = undefined;
    const files = await readModelDirectory(dir);
    expect(version(files)).toBe(1);
    expect(new TextDecoder().decode(files.get('model.safetensors'))).toBe('old');
    expect(await readdir(parent)).toEqual(['model']);
  });

  test('kill -9 at random moments while writing always leaves a complete model (50 times)', async () => {
    const parent = await tempDir();
    const dir = join(parent, 'model');
    const storeModule = fileURLToPath(new URL('../../dist/node/model-store.js', import.meta.url));
    const writer = join(parent, 'writer.mjs');
    // Writes ever newer versions, each a config and 1 MiB of weights that all carry the version.
    await writeFile(
      writer,
      `import { writeModelDirectory } from ${JSON.stringify(storeModule)};
       const [dir, start] = process.argv.slice(2);
       for (let v = Number(start); ; v++) {
         const weights = new Uint8Array(1 << 20).fill(v % 256);
         await writeModelDirectory(dir, new Map([['config.json', new TextEncoder().encode(JSON.stringify({ version: v }))], ['model.safetensors', weights]]));
         process.stdout.write(v + '\\n');
       }`,
    );
    let next = 0;
    for (let round = 0; round < 50; round++) {
      const child = spawn(process.execPath, [writer, dir, String(next)], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      // Let at least one version land, then kill at a random moment of a later write.
      await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('close', resolve));
      const files = await readModelDirectory(dir);
      const v = version(files);
      const weights = files.get('model.safetensors')!;
      expect(weights.length).toBe(1 << 20);
      expect(weights.every((byte) => byte === v % 256)).toBe(true);
      expect(v).toBeGreaterThanOrEqual(next);
      next = v + 1;
    }
    // Staging directories of killed writers are cleaned up by the next write.
    await writeModelDirectory(
      dir,
      new Map([
        ['config.json', encode(JSON.stringify({ version: next }))],
        ['model.safetensors', encode('w')],
      ]),
    );
    expect((await readdir(parent)).sort()).toEqual(['model', 'writer.mjs']);
    // 50 Node start-ups: seconds on an idle machine, minutes on a loaded 2-core one.
  }, 300_000);

  test('refuses to write over a file', async () => {
    const parent = await tempDir();
    await mkdir(join(parent, 'x'));
    await writeFile(join(parent, 'file'), 'data');
    await expect(writeModelDirectory(join(parent, 'file'), new Map())).rejects.toThrow(
      'exists and is not a directory',
    );
    expect(await readFile(join(parent, 'file'), 'utf8')).toBe('data');
  });

  test('refuses to replace a directory that holds other files than a model', async () => {
    const parent = await tempDir();
    await writeFile(join(parent, 'notes.txt'), 'mine');
    const attempt = writeModelDirectory(parent, new Map([['config.json', encode('{}')]]));
    await expect(attempt).rejects.toThrow(`${parent} exists and is not a model directory`);
    await expect(attempt).rejects.toHaveProperty('code', 'NOT_MODEL_DIRECTORY');
    expect(await readFile(join(parent, 'notes.txt'), 'utf8')).toBe('mine');
  });

  test('refuses file names that would write outside the directory, and anything but a Map', async () => {
    const dir = join(await tempDir(), 'model');
    await expect(writeModelDirectory(dir, new Map([['../escape', encode('x')]]))).rejects.toThrow(
      "'../escape' is not a plain file name",
    );
    await expect(
      writeModelDirectory(dir, { 'config.json': '{}' } as unknown as Map<string, Uint8Array>),
    ).rejects.toThrow('writeModelDirectory takes the files as a Map');
    await expect(readdir(dir)).rejects.toThrow();
  });
});

describe('readModelDirectory', () => {
  test('says when there is no directory, or no model in it, with a CheckpointError code', async () => {
    const parent = await tempDir();
    const missing = readModelDirectory(join(parent, 'none'));
    await expect(missing).rejects.toThrow(`There is no model directory at ${join(parent, 'none')}.`);
    await expect(missing).rejects.toBeInstanceOf(CheckpointError);
    await expect(missing).rejects.toHaveProperty('code', 'NO_DIRECTORY');
    await writeFile(join(parent, 'file'), 'x');
    await expect(readModelDirectory(join(parent, 'file'))).rejects.toHaveProperty('code', 'NOT_A_DIRECTORY');
    await writeFile(join(parent, 'config.json'), '{}');
    const partial = readModelDirectory(parent);
    await expect(partial).rejects.toThrow(`${parent} has no model.safetensors`);
    await expect(partial).rejects.toMatchObject({ code: 'MISSING_FILE', file: 'model.safetensors' });
  });

  test('returns plain Uint8Arrays of exactly each file, not views of a shared Buffer pool', async () => {
    const dir = join(await tempDir(), 'model');
    await writeModelDirectory(
      dir,
      new Map([
        ['config.json', encode('{"a":1}')],
        ['model.safetensors', encode('abc')],
      ]),
    );
    const files = await readModelDirectory(dir);
    for (const bytes of files.values()) {
      expect(Buffer.isBuffer(bytes)).toBe(false);
      expect(bytes.byteOffset).toBe(0);
      expect(bytes.buffer.byteLength).toBe(bytes.length);
    }
    expect(new TextDecoder().decode(files.get('model.safetensors'))).toBe('abc');
  });
});
