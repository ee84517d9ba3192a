import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadEmbeddedDataset, type SplitScheme, splitItems } from '@makemore/data';
import { describe, expect, test } from 'vitest';
import { argv } from '../test-support/argv.js';
import { BIN, jsonLines, runCli, tempDir } from '../test-support/run-cli.js';

// Small, fast settings: these tests check the plumbing, not the quality a long run reaches.
const QUICK = ['--steps', '300', '--eval-every', '100', '--n-hidden', '32', '--samples', '3'];

describe('makemore train with a neural model', () => {
  test('--threads 2 shares the matmuls and trains to the very losses of one thread', async () => {
    const args = argv`train --model transformer --steps 40 --eval-every 20 --samples 2 --json`;
    const runs = await Promise.all(
      [1, 2].map(async (threads) => {
        const out = join(await tempDir(), `threads-${threads}`);
        return runCli([...args, '--out', out, '--threads', String(threads)]);
      }),
    );
    for (const r of runs) expect([r.code, r.stderr]).toEqual([0, '']);
    const [one, two] = runs.map((r) => jsonLines(r.stdout));
    expect(two![0]).toMatchObject({ event: 'device', device: 'cpu', threads: 2 });
    const losses = (events: Record<string, unknown>[]) =>
      events
        .filter((e) => e.event === 'step' || e.event === 'eval')
        .map(({ seconds: _, stepsPerSecond: __, eta: ___, ...e }) => e);
    expect(losses(two!).length).toBeGreaterThan(2);
    expect(losses(two!)).toEqual(losses(one!));
  }, 120_000);

  test('--threads is refused on gpu.js', async () => {
    // Never the default runs/mlp: a model left there by the README's command would be refused first.
    const out = join(await tempDir(), 'mlp');
    const { code, stderr } = await runCli(
      argv`train --model mlp --device webasm --threads 2 --steps 1 --out ${out}`,
    );
    expect(code).toBe(2);
    expect(stderr).toContain(
      '--threads applies to the CPU backend, not gpu.js webasm; use --device cpu or leave --threads out.',
    );
  });

  test('trains an MLP, writes a resumable checkpoint and reports JSON events', async () => {
    const out = join(await tempDir(), 'mlp');
    const { code, stdout, stderr } = await runCli(argv`train --model mlp --out ${out} --json ${QUICK}`);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const events = jsonLines(stdout);
    // Without a hardware GPU, auto keeps the CPU backend and says why.
    expect(events[0]).toMatchObject({ event: 'device', device: 'cpu', mode: null });
    expect(events[0]!.reason).toMatch(/^auto: no hardware GPU \(.+\); using the CPU backend$/);
    expect(events[1]).toMatchObject({ event: 'start', model: 'mlp', step: 0, resumed: false });
    expect(events.filter((e) => e.event === 'eval').map((e) => e.step)).toEqual([100, 200, 300]);
    expect(events.filter((e) => e.event === 'checkpoint').length).toBeGreaterThanOrEqual(3);
    expect(events.filter((e) => e.event === 'sample')).toHaveLength(3);
    const done = events.at(-1)!;
    expect(done.event).toBe('done');
    for (const key of ['train', 'val', 'test', 'steps', 'seconds']) expect(typeof done[key]).toBe('number');
    expect(done.steps).toBe(300);
    // It learns: every evaluation's validation loss is below the one before.
    const vals = events.filter((e) => e.event === 'eval').map((e) => e.val as number);
    for (let i = 1; i < vals.length; i++) expect(vals[i]).toBeLessThan(vals[i - 1]!);
    expect((await readdir(out)).sort()).toEqual([
      'config.json',
      'last.safetensors',
      'model.safetensors',
      'optimizer.safetensors',
      'training-state.json',
    ]);
    const sample = await runCli(['sample', '--model-dir', out, '-n', '4', '--json']);
    expect(sample.code).toBe(0);
    for (const line of jsonLines(sample.stdout))
      expect(['new', 'train', 'val', 'test']).toContain(line.status);
    const score = await runCli(['score', '--model-dir', out, 'emma', '--json']);
    expect(jsonLines(score.stdout)[0]!.logLikelihood as number).toBeLessThan(0);
    const evaluated = await runCli(['eval', '--model-dir', out, '--data', 'first-names', '--json']);
    expect(jsonLines(evaluated.stdout)[0]).toMatchObject({ items: 8422, tokens: 59167 });
  });

  test('Ctrl-C saves a checkpoint and exits 130; --resume continues to the same result as one run', async () => {
    const dir = await tempDir();
    const straight = join(dir, 'straight');
    const args = argv`train --model mlp --json --steps 400 --eval-every 50 --n-hidden 32 --samples 0`;
    const full = await runCli([...args, '--out', straight]);
    expect(full.code).toBe(0);
    const interrupted = join(dir, 'interrupted');
    const child = spawn(process.execPath, [BIN, ...args, '--out', interrupted], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      // Interrupt once the first checkpoint is on disk, well before the end.
      if (stdout.includes('"event":"checkpoint"') && !child.killed) child.kill('SIGINT');
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(code).toBe(130);
    expect(stderr).toMatch(
      /Training stopped at step \d+; the checkpoint in .* is saved, continue it with --resume\./,
    );
    const stoppedAt = jsonLines(stdout).find((e) => e.event === 'done')!.steps as number;
    expect(stoppedAt).toBeLessThan(400);
    const resumed = await runCli(argv`train --model mlp --json --samples 0 --out ${interrupted} --resume`);
    expect(resumed.code).toBe(0);
    const resumedEvents = jsonLines(resumed.stdout);
    expect(resumedEvents[1]).toMatchObject({ event: 'start', resumed: true, step: stoppedAt });
    const a = jsonLines(full.stdout).at(-1)!;
    const b = resumedEvents.at(-1)!;
    expect(b.steps).toBe(400);
    // Same seed, same data: the resumed run ends exactly where the uninterrupted one does.
    expect([b.train, b.val, b.test]).toEqual([a.train, a.val, a.test]);
  });

  test('kill -9 during training leaves a loadable checkpoint', async () => {
    const out = join(await tempDir(), 'mlp');
    const train = argv`train --model mlp --out ${out} --json --steps 100000 --eval-every 20 --n-hidden 16`;
    const child = spawn(process.execPath, [BIN, ...train], { stdio: ['ignore', 'pipe', 'ignore'] });
    let checkpoints = 0;
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      checkpoints += chunk.split('"event":"checkpoint"').length - 1;
      if (checkpoints >= 3 && !child.killed) setTimeout(() => child.kill('SIGKILL'), Math.random() * 50);
    });
    await new Promise((resolve) => child.on('close', resolve));
    const { code, stdout } = await runCli(['sample', '--model-dir', out, '-n', '2', '--json']);
    expect(code).toBe(0);
    expect(jsonLines(stdout)).toHaveLength(2);
    const resumed = await runCli(
      argv`train --model mlp --out ${out} --resume --steps 200 --json --samples 0 --n-hidden 16`,
    );
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toBe(
      "error: --n-hidden cannot change when resuming: the checkpoint fixes the model's architecture.\n",
    );
  });
});

test('--device webasm trains on the gpu.js backend and says so', async () => {
  const out = join(await tempDir(), 'mlp');
  const { code, stdout } = await runCli(
    argv`train --model mlp --device webasm --out ${out} --json
      --steps 60 --eval-every 30 --n-hidden 16 --samples 2`,
  );
  expect(code).toBe(0);
  const events = jsonLines(stdout);
  expect(events[0]).toMatchObject({ event: 'device', device: 'gpu.js', mode: 'webasm' });
  const vals = events.filter((e) => e.event === 'eval').map((e) => e.val as number);
  expect(vals).toHaveLength(2);
  expect(vals[1]).toBeLessThan(vals[0]!);
  expect(events.filter((e) => e.event === 'sample')).toHaveLength(2);
  // The checkpoint it wrote loads and samples like any other.
  expect((await runCli(['sample', '--model-dir', out, '-n', '2'])).code).toBe(0);
});

test('a block size longer than every item is allowed: contexts are padded with the start token', async () => {
  const dir = await tempDir();
  const data = join(dir, 'short.txt');
  await writeFile(data, 'ab\nba\naab\nbba\n');
  const { code, stdout } = await runCli(
    argv`train --model mlp --data ${data} --block-size 30 --out ${join(dir, 'm')} --json ${QUICK}`,
  );
  expect(code).toBe(0);
  const done = jsonLines(stdout).find((e) => e.event === 'done')!;
  expect(Number.isFinite(done.train)).toBe(true);
});

describe('bad training flags', () => {
  test.each([
    [
      ['--model', 'bigram', '--steps', '10'],
      'error: --steps does not apply to the bigram model; leave it out.',
    ],
    [
      ['--model', 'mlp', '--smoothing', '2'],
      'error: --smoothing does not apply to the mlp model; leave it out.',
    ],
    [
      ['--model', 'mlp', '--n-head', '4'],
      'error: --n-head is a hyperparameter of transformer, not of the mlp model; it takes --block-size, --n-embd, --n-hidden.',
    ],
    [
      ['--model', 'rnn', '--n-layer', '2'],
      'error: --n-layer is a hyperparameter of transformer, not of the rnn model; it takes --block-size, --n-embd, --n-embd2.',
    ],
    [
      ['--model', 'bigram', '--n-embd', '2'],
      'error: --n-embd is a hyperparameter of mlp, mlp-bn, wavenet, rnn, gru, lstm, bow, transformer, not of the bigram model; it has none.',
    ],
    [
      ['--model', 'wavenet', '--block-size', '6'],
      "error: The hyperparameter 'blockSize' of 'wavenet' must be a power of 2 from 2 to 1024, got 6.",
    ],
    [
      ['--model', 'mlp', '--block-size', '0'],
      "error: The hyperparameter 'blockSize' of 'mlp' must be a positive integer, got 0.",
    ],
    [
      ['--model', 'mlp', '--steps', '0'],
      "error: option '--steps <n>' argument '0' is invalid. It must be a whole number of at least 1.",
    ],
    [
      ['--model', 'mlp', '--lr', '-1'],
      "error: option '--lr <rate>' argument '-1' is invalid. It must be a number above 0.",
    ],
    [
      ['--model', 'mlp', '--device', 'webgl2'],
      'error: device webgl2: that gpu.js mode is not available here (webgl2: this runtime has no WebGL2 context); use --device cpu or --device auto.',
    ],
    [
      ['--model', 'bigram', '--device', 'cpu'],
      'error: --device does not apply to the bigram model; leave it out.',
    ],
    [
      ['--model', 'mlp', '--split', 'random'],
      "error: option '--split <scheme>' argument 'random' is invalid. Allowed choices are fractions, lecture, makemore, makemore-torch, none.",
    ],
  ])('makemore train %j', async (args, message) => {
    const { code, stderr } = await runCli(['train', '--out', join(await tempDir(), 'm'), ...args]);
    expect(code).toBe(2);
    expect(stderr.startsWith(message)).toBe(true);
  });

  test('resuming with data whose vocab does not match the checkpoint is refused', async () => {
    const dir = await tempDir();
    const out = join(dir, 'mlp');
    expect((await runCli(['train', '--model', 'mlp', '--out', out, ...QUICK])).code).toBe(0);
    const other = join(dir, 'other.txt');
    await writeFile(other, 'zoë\nélan\n');
    const { code, stderr } = await runCli(argv`train --model mlp --out ${out} --resume --data ${other}`);
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^error: The checkpoint was trained on other data \(first-names, 8422 items\); resume with the same data or train again\.\n$/,
    );
  });

  test('--split lecture is recorded, rebuilt for sampling, and a resume with another split is refused', async () => {
    const out = join(await tempDir(), 'mlp');
    const args = ['train', '--model', 'mlp', '--out', out, '--split', 'lecture', '--seed', '42'];
    const trained = await runCli(argv`${args} --json --steps 20 --eval-every 20 --samples 0`);
    expect(trained.code).toBe(0);
    // An MLP's rows are characters, so the row counts tell which items each split holds.
    const rowsOf = (scheme: SplitScheme) => {
      const split = splitItems(loadEmbeddedDataset('first-names'), { seed: 42, scheme });
      const count = (items: string[]) => items.reduce((n, item) => n + item.length + 1, 0);
      return { train: count(split.train), val: count(split.val), test: count(split.test) };
    };
    const rows = jsonLines(trained.stdout).find((e) => e.event === 'start')!.rows;
    expect(rows).toEqual(rowsOf('lecture'));
    expect(rows).not.toEqual(rowsOf('fractions'));
    const state = JSON.parse(await readFile(join(out, 'training-state.json'), 'utf8'));
    expect(state.recipe.split).toBe('lecture');
    const sample = await runCli(['sample', '--model-dir', out, '-n', '3', '--json']);
    expect(sample.code).toBe(0);
    for (const line of jsonLines(sample.stdout))
      expect(['new', 'train', 'val', 'test']).toContain(line.status);
    const other = await runCli(['train', '--model', 'mlp', '--out', out, '--resume', '--split', 'fractions']);
    expect(other.code).toBe(2);
    expect(other.stderr).toBe(
      "error: --split cannot change when resuming: the checkpoint's split decides which items are held out.\n",
    );
  });

  test('resuming a directory without a checkpoint is refused', async () => {
    const out = join(await tempDir(), 'none');
    const { code, stderr } = await runCli(['train', '--model', 'mlp', '--out', out, '--resume']);
    expect(code).toBe(2);
    expect(stderr).toBe(
      `error: There is no model directory at ${out}; train one with \`makemore train --out ${out}\`.\n`,
    );
  });
});
