import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { jsonLines, runCli, tempDir } from '../test-support/run-cli.js';

// The refusals of `export` and `import`, which need no Python; export.pytorch.test.ts runs the round trip.
let dir: string;
let mlp: string;
let gru: string;

beforeAll(async () => {
  dir = await tempDir();
  const data = join(dir, 'words.txt');
  await writeFile(data, 'emma\nolivia\nava\nnoah\nliam\n');
  const train = (model: string, out: string, flags: string[]) =>
    runCli(['train', '--model', model, '--data', data, '--out', out, '--quiet', '--samples', '0', ...flags]);
  mlp = join(dir, 'mlp');
  gru = join(dir, 'gru');
  const results = await Promise.all([
    train('mlp', mlp, ['--steps', '2', '--device', 'cpu', '--n-embd', '2', '--n-hidden', '4']),
    train('gru', gru, ['--steps', '2', '--device', 'cpu', '--n-embd', '2', '--n-embd2', '3']),
    train('bigram', join(dir, 'bigram'), []),
  ]);
  for (const result of results) expect(result.code, result.stderr).toBe(0);
}, 120_000);

describe('makemore export', () => {
  test('writes the templates, the model and the recipe, and says how to train and import', async () => {
    const out = join(dir, 'pkg-json');
    const { code, stdout } = await runCli([
      'export',
      '--model-dir',
      mlp,
      '--to',
      'pytorch',
      '--out',
      out,
      '--json',
    ]);
    expect(code).toBe(0);
    const [report] = jsonLines(stdout);
    expect(report).toMatchObject({ out, model: 'mlp', to: 'pytorch' });
    expect((await readdir(out)).sort()).toEqual([
      'README.md',
      'config.json',
      'makemore_data.py',
      'model.py',
      'model.safetensors',
      'requirements.txt',
      'safetensors_io.py',
      'train.json',
      'train_ddp.py',
    ]);
    expect(await readFile(join(out, 'model.safetensors'))).toEqual(
      await readFile(join(mlp, 'model.safetensors')),
    );
    const train = JSON.parse(await readFile(join(out, 'train.json'), 'utf8'));
    expect(train).toMatchObject({ step: 2, recipe: { optimizer: 'sgd', lr: 0.1 } });
  });

  test('refuses a count model, a missing directory, and a non-empty --out without --force', async () => {
    const count = await runCli([
      'export',
      '--model-dir',
      join(dir, 'bigram'),
      '--to',
      'pytorch',
      '--out',
      join(dir, 'x'),
    ]);
    expect(count.code).toBe(2);
    expect(count.stderr).toMatch(
      /^error: The bigram model counts characters and has no PyTorch module; export a neural model \(bigram-nn, mlp/,
    );
    const missing = await runCli([
      'export',
      '--model-dir',
      join(dir, 'none'),
      '--to',
      'pytorch',
      '--out',
      join(dir, 'x'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/There is no model directory at/);
    const busy = join(dir, 'busy');
    await mkdir(busy);
    await writeFile(join(busy, 'notes.txt'), 'mine');
    const refused = await runCli(['export', '--model-dir', mlp, '--to', 'pytorch', '--out', busy]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `error: ${busy} is not empty (1 entry); choose another --out or pass --force.\n`,
    );
    expect(await readdir(busy)).toEqual(['notes.txt']);
    const forced = await runCli(['export', '--model-dir', mlp, '--to', 'pytorch', '--out', busy, '--force']);
    expect(forced.code).toBe(0);
    expect(await readFile(join(busy, 'notes.txt'), 'utf8')).toBe('mine');
  });

  test('refuses a broken model directory', async () => {
    const broken = join(dir, 'broken');
    await mkdir(broken);
    await writeFile(join(broken, 'config.json'), await readFile(join(mlp, 'config.json')));
    await writeFile(join(broken, 'model.safetensors'), await readFile(join(gru, 'model.safetensors')));
    const { code, stderr } = await runCli([
      'export',
      '--model-dir',
      broken,
      '--to',
      'pytorch',
      '--out',
      join(dir, 'y'),
    ]);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^error: .*broken does not hold a model that can be exported: model.safetensors does not fit the mlp model/,
    );
  });
});

describe('makemore import', () => {
  test('brings weights back into a model directory that the CLI loads, refusing to replace one', async () => {
    const out = join(dir, 'imported');
    const args = [
      'import',
      '--from',
      join(mlp, 'model.safetensors'),
      '--config',
      join(mlp, 'config.json'),
      '--out',
      out,
    ];
    expect((await runCli(args)).code).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['config.json', 'model.safetensors']);
    const score = await runCli(['score', 'emma', '--model-dir', out]);
    expect(score.code).toBe(0);
    const again = await runCli(args);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`error: ${out} holds a trained mlp; pass --force to replace it.\n`);
    expect((await runCli([...args, '--force'])).code).toBe(0);
  });

  test('names the tensor that does not fit the config, and refuses what is not a safetensors file', async () => {
    const wrong = await runCli([
      'import',
      '--from',
      join(gru, 'model.safetensors'),
      '--config',
      join(mlp, 'config.json'),
      '--out',
      join(dir, 'z'),
    ]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/has no tensor 'C', which the mlp model of the config needs\.\n$/);
    const notWeights = await runCli([
      'import',
      '--from',
      join(mlp, 'config.json'),
      '--config',
      join(mlp, 'config.json'),
      '--out',
      join(dir, 'z'),
    ]);
    expect(notWeights.code).toBe(2);
    expect(notWeights.stderr).toMatch(/is not a safetensors file makemore reads/);
    const countConfig = await runCli([
      'import',
      '--from',
      join(mlp, 'model.safetensors'),
      '--config',
      join(dir, 'bigram', 'config.json'),
      '--out',
      join(dir, 'z'),
    ]);
    expect(countConfig.code).toBe(2);
    expect(countConfig.stderr).toMatch(/is a count bigram, which has no weights to import/);
    await expect(readdir(join(dir, 'z'))).rejects.toThrow();
  });
});
