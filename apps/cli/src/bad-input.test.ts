import { mkdir, open, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli, tempDir } from './test-support/run-cli.js';

async function fileWith(name: string, contents: string | Uint8Array): Promise<string> {
  const path = join(await tempDir(), name);
  await writeFile(path, contents);
  return path;
}

// Each case: what the user gives, the exit code, and the one sentence they must see.
describe('bad input gets one clear sentence and a usage exit code', () => {
  test('a file that does not exist', async () => {
    const { code, stderr } = await runCli(['bigram', '--data', 'no/such/file.txt']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      "error: There is no dataset named 'no/such/file.txt' and no file at no/such/file.txt; give a file path or one of: first-names, names.\n",
    );
  });

  test('a directory given as the data file', async () => {
    const dir = await tempDir();
    const { code, stderr } = await runCli(['bigram', '--data', dir]);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: ${dir} is a directory; give a text file with one item per line.\n`);
  });

  test('an empty file', async () => {
    const path = await fileWith('empty.txt', '');
    const { code, stderr } = await runCli(['bigram', '--data', path]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: .*empty.txt has no items/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  test('a file of blank lines', async () => {
    const path = await fileWith('blank.txt', '\n  \n\t\n\r\n');
    const { code, stderr } = await runCli(['train', '--data', path, '--out', join(await tempDir(), 'm')]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: .*blank.txt has no items/);
  });

  test('a binary file', async () => {
    const path = await fileWith(
      'image.png',
      new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    );
    const { code, stderr } = await runCli(['bigram', '--data', path]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: .*binary file/);
  });

  test('a file that is not UTF-8', async () => {
    const path = await fileWith('latin1.txt', new Uint8Array([0x6a, 0x6f, 0x73, 0xe9, 0x0a]));
    const { code, stderr } = await runCli(['bigram', '--data', path]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: .*UTF-8/);
  });

  test('a 100 MB single line', async () => {
    const path = await fileWith('one-line.txt', 'a'.repeat(100 * 2 ** 20));
    const { code, stderr } = await runCli(['train', '--data', path, '--out', join(await tempDir(), 'm')]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'error: Line 1 is 104,857,600 characters long, but items can have at most 1,000; give one word, name or title per line.\n',
    );
  });

  test('a file over the size limit is refused before it is read', async () => {
    const path = join(await tempDir(), 'huge.txt');
    const handle = await open(path, 'w');
    await handle.truncate(513 * 2 ** 20); // sparse: no disk space used
    await handle.close();
    const { code, stderr } = await runCli(['bigram', '--data', path]);
    expect(code).toBe(2);
    expect(stderr).toBe(`error: ${path} is 513 MiB; makemore reads data files of up to 512 MiB.\n`);
  });

  test.each([
    [
      ['bigram', '--top', '-1'],
      "option '--top <n>' argument '-1' is invalid. It must be a whole number of at least 0.",
    ],
    [['bigram', '--top', 'ten'], "option '--top <n>' argument 'ten' is invalid. It must be a number."],
    [
      ['bigram', '--top', '2.5'],
      "option '--top <n>' argument '2.5' is invalid. It must be a whole number of at least 0.",
    ],
    [
      ['bigram', '--smoothing', '-1'],
      "option '--smoothing <alpha>' argument '-1' is invalid. It must be a number of at least 0.",
    ],
    [
      ['bigram', '--smoothing', 'Infinity'],
      "option '--smoothing <alpha>' argument 'Infinity' is invalid. It must be a number.",
    ],
    [
      ['bigram', '--layout', 'diagonal'],
      "option '--layout <layout>' argument 'diagonal' is invalid. Allowed choices are shared, split.",
    ],
    [
      ['sample', '--model-dir', 'x', '-n', '0'],
      "option '-n, --n <count>' argument '0' is invalid. It must be a whole number of at least 1.",
    ],
    [
      ['sample', '--model-dir', 'x', '--seed', '-5'],
      "option '--seed <n>' argument '-5' is invalid. It must be a whole number of at least 0.",
    ],
    [
      ['sample', '--model-dir', 'x', '--seed', '99999999999'],
      "option '--seed <n>' argument '99999999999' is invalid. It must be a whole number from 0 to 4294967295.",
    ],
    [['sample'], "required option '--model-dir <dir>' not specified"],
    [['eval'], "required option '--model-dir <dir>' not specified"],
    [
      ['eval', '--model-dir', 'no-such-model'],
      'There is no model directory at no-such-model; train one with `makemore train --out no-such-model`.',
    ],
  ])('makemore %j', async (args, message) => {
    const { code, stderr } = await runCli(args);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe(`error: ${message}`);
  });

  test('a model directory that does not exist', async () => {
    const dir = join(await tempDir(), 'nothing');
    const { code, stderr } = await runCli(['sample', '--model-dir', dir]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `error: There is no model directory at ${dir}; train one with \`makemore train --out ${dir}\`.\n`,
    );
  });

  test('a model directory with a file missing', async () => {
    const dir = join(await tempDir(), 'm');
    await mkdir(dir);
    await writeFile(join(dir, 'model.safetensors'), '');
    const { code, stderr } = await runCli(['sample', '--model-dir', dir]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'error: The model directory has no config.json; give a directory written by `makemore train --out`.\n',
    );
  });
});

describe('a broken model directory is a runtime failure', () => {
  test('corrupted weights', async () => {
    const dir = join(await tempDir(), 'm');
    expect((await runCli(['train', '--out', dir])).code).toBe(0);
    await writeFile(join(dir, 'model.safetensors'), new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const { code, stderr } = await runCli(['sample', '--model-dir', dir]);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^error: model\.safetensors is not a valid safetensors file \(.*\); restore it from a backup or train the model again\.\n$/,
    );
  });

  test('a config that is not JSON', async () => {
    const dir = join(await tempDir(), 'm');
    expect((await runCli(['train', '--out', dir])).code).toBe(0);
    await writeFile(join(dir, 'config.json'), '{"model": "bigr');
    const { code, stderr } = await runCli(['score', '--model-dir', dir, 'anna']);
    expect(code).toBe(1);
    expect(stderr).toBe('error: config.json is not valid JSON; restore the file or train the model again.\n');
  });

  test('a config from a newer format version', async () => {
    const dir = join(await tempDir(), 'm');
    expect((await runCli(['train', '--out', dir])).code).toBe(0);
    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'));
    await writeFile(join(dir, 'config.json'), JSON.stringify({ ...config, formatVersion: 99 }));
    const { code, stderr } = await runCli(['sample', '--model-dir', dir]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      'error: config.json has format version 99 but this makemore-ts reads up to 1; upgrade makemore-ts to load this model.\n',
    );
  });

  test('a config naming a model type that does not exist', async () => {
    const dir = join(await tempDir(), 'm');
    expect((await runCli(['train', '--out', dir])).code).toBe(0);
    const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8'));
    await writeFile(join(dir, 'config.json'), JSON.stringify({ ...config, model: '../../../etc/passwd' }));
    const { code, stderr } = await runCli(['eval', '--model-dir', dir, '--data', 'first-names']);
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^error: config\.json names an unknown model type '\.\.\/\.\.\/\.\.\/etc\/passwd'; this makemore-ts knows bigram/,
    );
  });
});
