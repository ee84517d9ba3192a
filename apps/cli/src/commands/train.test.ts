import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { argv } from '../test-support/argv.js';
import { jsonLines, runCli, tempDir } from '../test-support/run-cli.js';

async function trainedModel(args: string[] = []): Promise<string> {
  const out = join(await tempDir(), 'model');
  const result = await runCli(['train', '--model', 'bigram', '--out', out, ...args]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return out;
}

describe('makemore train --model bigram', () => {
  test('writes config.json and model.safetensors, reports losses and prints samples', async () => {
    const out = join(await tempDir(), 'model');
    const { code, stdout } = await runCli(['train', '--model', 'bigram', '--out', out]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /training bigram on first-names: 8,422 items \(all in training, no held-out split\)/,
    );
    expect(stdout).toMatch(/train \d\.\d{4}, val n\/a, test n\/a/);
    expect(stdout).toMatch(/samples:\n( {2}[a-z-]+( {2}\(in train\))?\n){10}/);
    expect((await readdir(out)).sort()).toEqual(['config.json', 'model.safetensors']);
    const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));
    expect(config).toMatchObject({
      format: 'makemore-ts/model',
      formatVersion: 1,
      model: 'bigram',
      hyperparameters: { smoothing: 1 },
    });
    expect(config.data).toMatchObject({ source: 'first-names', items: 8422 });
  });

  test('--json ends with a done event whose numbers are numbers', async () => {
    const out = join(await tempDir(), 'model');
    const { code, stdout } = await runCli(argv`train --out ${out} --samples 3 --json --split fractions`);
    expect(code).toBe(0);
    const events = jsonLines(stdout);
    expect(events[0]).toMatchObject({ event: 'start', model: 'bigram', items: 8422 });
    expect(events.filter((e) => e.event === 'sample')).toHaveLength(3);
    for (const e of events) expect(typeof e.event).toBe('string');
    for (const e of events.filter((e) => e.event === 'sample'))
      expect(['new', 'train', 'val', 'test']).toContain(e.status);
    expect(events.filter((e) => e.event === 'done')).toHaveLength(1);
    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    for (const key of ['train', 'val', 'test', 'steps', 'seconds']) expect(typeof done[key]).toBe('number');
    // Every split is scored far better than a uniform guess over the 28 tokens (ln 28 ≈ 3.33).
    for (const key of ['train', 'val', 'test']) {
      expect(done[key] as number).toBeGreaterThan(1.5);
      expect(done[key] as number).toBeLessThan(Math.log(28) - 0.5);
    }
  });

  test('training again into the same directory is refused, and replaces the model with --force', async () => {
    const out = await trainedModel(['--smoothing', '1']);
    const again = await runCli(['train', '--out', out, '--smoothing', '5']);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`error: ${out} holds a trained bigram; pass --force to replace it.\n`);
    expect(JSON.parse(await readFile(join(out, 'config.json'), 'utf8')).hyperparameters.smoothing).toBe(1);
    await trainedModel(['--out', out, '--smoothing', '5', '--force']);
    const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));
    expect(config.hyperparameters.smoothing).toBe(5);
    expect((await readdir(join(out, '..'))).sort()).toEqual(['model']);
  });

  test('refuses to replace a directory that is not a model directory', async () => {
    const out = join(await tempDir(), 'photos');
    await mkdir(out);
    await writeFile(join(out, 'holiday.jpg'), 'precious');
    const { code, stderr } = await runCli(['train', '--out', out]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `error: ${out} exists and is not a model directory; choose another --out path or empty it.\n`,
    );
    expect(await readFile(join(out, 'holiday.jpg'), 'utf8')).toBe('precious');
  });

  test('an unknown model is a usage error that lists the known ones', async () => {
    const { code, stderr } = await runCli(['train', '--model', 'gpt5']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: There is no model named 'gpt5'; choose one of: bigram[a-z, -]*\.\n$/);
  });

  test('a model directory caught halfway through replacement is still readable', async () => {
    const out = await trainedModel();
    // What a crash between the two renames of a replacement leaves behind.
    await rename(out, `${out}.previous`);
    const { code, stdout } = await runCli(['sample', '--model-dir', out, '-n', '2', '--seed', '1']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n')).toHaveLength(2);
  });
});

describe('makemore sample', () => {
  test('without --seed each run draws a fresh seed, prints it, and --seed repeats that run', async () => {
    const model = await trainedModel();
    const first = await runCli(['sample', '--model-dir', model, '-n', '20']);
    const seed = /^seed (\d+) \(repeat with --seed \1\)$/m.exec(first.stderr)?.[1];
    expect(seed).toBeDefined();
    const repeat = await runCli(['sample', '--model-dir', model, '-n', '20', '--seed', seed!]);
    expect(repeat.stdout).toBe(first.stdout);
    const second = await runCli(['sample', '--model-dir', model, '-n', '20', '--json']);
    const seeds = new Set(jsonLines(second.stdout).map((line) => line.seed));
    expect(seeds.size).toBe(1);
    expect([...seeds][0]).not.toBe(Number(seed));
  });

  test('the same seed gives the same samples, another seed others', async () => {
    const model = await trainedModel();
    const a = await runCli(['sample', '--model-dir', model, '-n', '20', '--seed', '7']);
    const b = await runCli(['sample', '--model-dir', model, '-n', '20', '--seed', '7']);
    const c = await runCli(['sample', '--model-dir', model, '-n', '20', '--seed', '8']);
    expect(a.code).toBe(0);
    expect(a.stdout.trim().split('\n')).toHaveLength(20);
    expect(b.stdout).toBe(a.stdout);
    expect(c.stdout).not.toBe(a.stdout);
  });

  test('--json prints one object per sample with its novelty status', async () => {
    const model = await trainedModel();
    const { stdout } = await runCli(['sample', '--model-dir', model, '-n', '100', '--seed', '1', '--json']);
    const lines = jsonLines(stdout);
    expect(lines).toHaveLength(100);
    for (const line of lines) {
      expect(typeof line.sample).toBe('string');
      expect(['new', 'train', 'val', 'test']).toContain(line.status);
    }
    // A bigram model of first names reproduces some short training names among 100 samples.
    expect(lines.some((line) => line.status !== 'new')).toBe(true);
  });

  test('--only-new keeps only distinct items that are not in the data', async () => {
    const model = await trainedModel();
    const { code, stdout } = await runCli(argv`sample --model-dir ${model} -n 25 --only-new --json`);
    expect(code).toBe(0);
    const lines = jsonLines(stdout);
    expect(lines).toHaveLength(25);
    expect(new Set(lines.map((l) => l.sample)).size).toBe(25);
    const { loadEmbeddedDataset } = await import('@makemore/data');
    const names = new Set(loadEmbeddedDataset('first-names'));
    for (const line of lines) {
      expect(line.status).toBe('new');
      expect(names.has(line.sample as string)).toBe(false);
    }
  });

  test('--prefix, --top-k and --temperature 0 shape the samples', async () => {
    const model = await trainedModel();
    const prefixed = await runCli(['sample', '--model-dir', model, '-n', '10', '--prefix', 'ka', '--json']);
    for (const line of jsonLines(prefixed.stdout)) expect(line.sample).toMatch(/^ka/);
    const greedy = await runCli(['sample', '--model-dir', model, '-n', '3', '--temperature', '0', '--json']);
    const samples = jsonLines(greedy.stdout).map((l) => l.sample);
    expect(new Set(samples).size).toBe(1);
    const topOne = await runCli(argv`sample --model-dir ${model} -n 3 --top-k 1 --seed 99 --json`);
    expect(jsonLines(topOne.stdout).map((l) => l.sample)).toEqual(samples);
  });

  test('a prefix with an unknown character is a usage error', async () => {
    const model = await trainedModel();
    const { code, stderr } = await runCli(['sample', '--model-dir', model, '--prefix', 'K']);
    expect(code).toBe(2);
    expect(stderr).toBe("error: --prefix has a character the model never saw in training: 'K' (U+004B).\n");
  });

  test('without the training data the samples are printed unmarked, with a note', async () => {
    const dir = await tempDir();
    const data = join(dir, 'words.txt');
    await writeFile(data, 'anna\nbob\n');
    const model = join(dir, 'model');
    expect((await runCli(['train', '--data', data, '--out', model])).code).toBe(0);
    await writeFile(data, 'changed\n');
    const { code, stdout, stderr } = await runCli(['sample', '--model-dir', model, '-n', '2', '--json']);
    expect(code).toBe(0);
    expect(stderr).toContain('is not the data the model was trained on; pass the original with --data');
    for (const line of jsonLines(stdout)) expect(line.status).toBeNull();
  });
});

describe('makemore score and eval', () => {
  test('score prints a finite log-likelihood for a plausible name', async () => {
    const model = await trainedModel();
    const { code, stdout } = await runCli(['score', '--model-dir', model, 'emma', '--json', '--detail']);
    expect(code).toBe(0);
    const [line] = jsonLines(stdout);
    expect(line).toMatchObject({ word: 'emma', tokens: 5 });
    expect(line!.logLikelihood as number).toBeLessThan(0);
    const terms = line!.terms as Array<{ logProbability: number }>;
    expect(terms).toHaveLength(5);
    expect(terms.reduce((sum, t) => sum + t.logProbability, 0)).toBeCloseTo(
      line!.logLikelihood as number,
      10,
    );
  });

  test('with smoothing 0 an unseen bigram has log-likelihood -Infinity', async () => {
    const dir = await tempDir();
    const data = join(dir, 'words.txt');
    await writeFile(data, 'ab\nba\n');
    const model = join(dir, 'model');
    expect((await runCli(['train', '--data', data, '--out', model, '--smoothing', '0'])).code).toBe(0);
    const text = await runCli(['score', '--model-dir', model, 'aa']);
    expect(text.stdout).toMatch(/^aa\tlog-likelihood -Infinity/);
    const json = await runCli(['score', '--model-dir', model, 'aa', '--json']);
    expect(jsonLines(json.stdout)[0]).toMatchObject({ word: 'aa', logLikelihood: null });
  });

  test('score reports a word with an unknown character, scores the others and exits 1', async () => {
    const model = await trainedModel();
    const { code, stdout, stderr } = await runCli(['score', '--model-dir', model, 'zoë', 'emma', 'ava']);
    expect(code).toBe(1);
    expect(
      stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split('\t')[0]),
    ).toEqual(['emma', 'ava']);
    expect(stderr).toBe(
      "zoë: not scored, it has a character the model never saw in training: 'ë' (U+00EB).\n" +
        'error: 1 of 3 words could not be scored.\n',
    );
  });

  test('eval prints the average NLL of a file', async () => {
    const dir = await tempDir();
    const model = await trainedModel();
    await writeFile(join(dir, 'held-out.txt'), 'emma\r\nolivia\r\n\r\nava\r\n');
    const { code, stdout } = await runCli(
      argv`eval --model-dir ${model} --data ${join(dir, 'held-out.txt')} --json`,
    );
    expect(code).toBe(0);
    const [line] = jsonLines(stdout);
    expect(line).toMatchObject({ items: 3, tokens: 5 + 7 + 4 });
    expect(line!.nll as number).toBeGreaterThan(1);
    expect(line!.nll as number).toBeLessThan(4);
  });
});
