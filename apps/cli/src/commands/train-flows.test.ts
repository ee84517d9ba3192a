import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { BIN, jsonLines, runCli, tempDir } from '../test-support/run-cli.js';

// The lecture's dataset lives beside the repository and is never committed (this file is
// apps/cli/src/commands/, four levels down).
const NAMES = fileURLToPath(new URL('../../../../../shared/data/names.txt', import.meta.url));
const QUICK = ['--steps', '20', '--eval-every', '10', '--samples', '2'];

async function train(args: string[], cwd?: string) {
  const result = await runCli(['train', ...args], cwd === undefined ? {} : { cwd });
  if (result.code !== 0) throw new Error(`train ${args.join(' ')} failed: ${result.stderr}`);
  return result;
}

describe.runIf(existsSync(NAMES) || process.env.CI === 'true')('the lecture through the CLI', () => {
  test("train + score + eval print the lecture's log-likelihoods and 2.4540 on names.txt", async () => {
    const out = join(await tempDir(), 'bigram');
    await train(['--data', NAMES, '--smoothing', '0', '--layout', 'split', '--out', out, '--samples', '0']);
    const scored = await runCli([
      'score',
      '--model-dir',
      out,
      '--json',
      'emma',
      'olivia',
      'ava',
      'isabella',
      'sophia',
    ]);
    expect(scored.code).toBe(0);
    const logLikelihoods = jsonLines(scored.stdout).map((s) => (s.logLikelihood as number).toFixed(4));
    // ../shared/data/README.md: the lecture's figures.
    expect(logLikelihoods).toEqual(['-12.5690', '-17.5112', '-8.7055', '-21.5142', '-17.4682']);
    const evaluated = await runCli(['eval', '--model-dir', out, '--json']);
    expect(evaluated.code).toBe(0);
    const [line] = jsonLines(evaluated.stdout);
    expect(line).toMatchObject({ event: 'eval', split: 'all', items: 32_033, tokens: 228_146, skipped: 0 });
    expect((line!.nll as number).toFixed(4)).toBe('2.4540');
  });
});

describe('data as users bring it', () => {
  test("a list with '.', '-', an apostrophe, accents, ♀/♂ and CRLF trains, samples and scores", async () => {
    const dir = await tempDir();
    const data = join(dir, 'mixed.txt');
    const items = [
      'mr. mime',
      'st. louis',
      'jr.',
      "o'neil",
      'jean-luc',
      'zoë',
      'renée',
      'nidoran♀',
      'nidoran♂',
    ];
    await writeFile(
      data,
      `${Array.from({ length: 40 }, () => items)
        .flat()
        .join('\r\n')}\r\n`,
    );
    const out = join(dir, 'mlp');
    await train(['--model', 'mlp', '--data', data, '--out', out, ...QUICK]);
    const scored = await runCli(['score', '--model-dir', out, '--detail', '--json', 'jr.', 'nidoran♀']);
    expect(scored.code).toBe(0);
    const [jr, nidoran] = jsonLines(scored.stdout) as {
      word: string;
      terms: { context: string; next: string }[];
    }[];
    // '.' is an ordinary character; the boundary token is drawn as '<.>' so the two stay apart.
    expect(jr!.terms.map((t) => [t.context, t.next])).toEqual([
      ['<.><.><.>', 'j'],
      ['<.><.>j', 'r'],
      ['<.>jr', '.'],
      ['jr.', '<.>'],
    ]);
    expect(nidoran!.word).toBe('nidoran♀');
    const sampled = await runCli(['sample', '--model-dir', out, '-n', '3', '--seed', '1', '--json']);
    expect(jsonLines(sampled.stdout)).toHaveLength(3);
  });

  test('a stray long line gets a warning, and --max-length drops it and says so', async () => {
    const dir = await tempDir();
    const data = join(dir, 'names-and-a-paragraph.txt');
    const names = Array.from({ length: 300 }, (_, i) => 'abcdefghijkl'.slice(0, 3 + (i % 8)));
    await writeFile(data, [...names, 'x'.repeat(999)].join('\n'));
    const transformer = [
      '--model',
      'transformer',
      '--data',
      data,
      '--n-embd',
      '8',
      '--n-head',
      '2',
      '--n-layer',
      '1',
    ];
    const warned = await runCli([
      'train',
      ...transformer,
      '--out',
      join(dir, 'a'),
      '--steps',
      '1',
      '--samples',
      '0',
    ]);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toContain(
      'warning: 1 item is far longer than the rest (up to 999 characters; 99% of the items have at most 10). ' +
        'The transformer model takes its block size from the longest item, so every step works on 1,000 positions; drop it with --max-length 10.',
    );
    const out = join(dir, 'b');
    const dropped = await runCli([
      'train',
      ...transformer,
      '--out',
      out,
      '--max-length',
      '10',
      ...QUICK,
      '--json',
    ]);
    expect(dropped.code).toBe(0);
    expect(dropped.stderr).toBe(
      'note: dropped 1 item longer than 10 characters (--max-length); 300 remain.\n',
    );
    const start = jsonLines(dropped.stdout).find((e) => e.event === 'start')!;
    expect((start.hyperparameters as Record<string, number>).blockSize).toBe(11);
    const config = JSON.parse(await readFile(join(out, 'config.json'), 'utf8'));
    expect(config.data).toMatchObject({ items: 300, maxLength: 10 });
    // The recorded limit is applied again where the data is read back: the novelty marks of sample.
    const sampled = await runCli(['sample', '--model-dir', out, '-n', '2', '--json']);
    expect(jsonLines(sampled.stdout).every((line) => line.status !== null)).toBe(true);
  });

  test('config.json records a data file relative to the working directory', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'words.txt'), 'alpha\nbeta\ngamma\ndelta\n');
    await train(['--data', join(dir, 'words.txt'), '--out', join(dir, 'm'), '--samples', '0'], dir);
    const config = JSON.parse(await readFile(join(dir, 'm', 'config.json'), 'utf8'));
    expect(config.data.source).toBe('words.txt');
  });

  test('a model trained with --lowercase lower-cases what it scores, evaluates and samples from', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'names.txt'), 'Emma\nOlivia\nAva\nIsabella\nSophia\n');
    const out = join(dir, 'm');
    await train(['--data', join(dir, 'names.txt'), '--lowercase', '--out', out, '--samples', '0']);
    expect(JSON.parse(await readFile(join(out, 'config.json'), 'utf8')).data.lowercase).toBe(true);
    const scored = await runCli(['score', '--model-dir', out, '--json', 'Emma', 'emma']);
    const [upper, lower] = jsonLines(scored.stdout);
    expect(upper!.logLikelihood).toBe(lower!.logLikelihood);
    expect((await runCli(['sample', '--model-dir', out, '--prefix', 'Em', '-n', '2'])).code).toBe(0);
    const evaluated = await runCli(['eval', '--model-dir', out, '--data', join(dir, 'names.txt'), '--json']);
    expect(jsonLines(evaluated.stdout)[0]).toMatchObject({ items: 5, skipped: 0 });
  });

  test('eval skips items with unknown characters, says which, and --strict fails instead', async () => {
    const dir = await tempDir();
    const out = join(dir, 'm');
    await train(['--out', out, '--samples', '0']);
    await writeFile(join(dir, 'held-out.txt'), 'emma\nzoë\nchloé\nava\n');
    const args = ['eval', '--model-dir', out, '--data', join(dir, 'held-out.txt')];
    const skipped = await runCli([...args, '--json']);
    expect(skipped.code).toBe(0);
    expect(skipped.stderr).toBe(
      "note: skipped 2 items with characters the model never saw ('ë' (U+00EB), 'é' (U+00E9)).\n",
    );
    expect(jsonLines(skipped.stdout)[0]).toMatchObject({ items: 2, skipped: 2, tokens: 5 + 4 });
    const strict = await runCli([...args, '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.stderr).toBe(
      "error: 2 items have characters the model never saw ('ë' (U+00EB), 'é' (U+00E9)); leave out --strict to skip them.\n",
    );
  });
});

describe('training runs', () => {
  test('overwriting a trained model is refused; --resume continues it with another --lr, from the checkpoint alone', async () => {
    const out = join(await tempDir(), 'mlp');
    await train(['--model', 'mlp', '--out', out, '--n-hidden', '16', ...QUICK]);
    const again = await runCli(['train', '--model', 'mlp', '--out', out, ...QUICK]);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(
      `error: ${out} holds a trained mlp (step 20); pass --resume to continue or --force to replace it.\n`,
    );
    // No --model, --data or hyperparameters: they come from the checkpoint.
    const resumed = await runCli([
      'train',
      '--resume',
      '--out',
      out,
      '--steps',
      '40',
      '--lr',
      '0.05',
      '--json',
      '--samples',
      '1',
    ]);
    expect(resumed.code).toBe(0);
    const events = jsonLines(resumed.stdout);
    expect(events.find((e) => e.event === 'start')).toMatchObject({
      model: 'mlp',
      step: 20,
      resumed: true,
      recipe: { lr: 0.05, steps: 40 },
      hyperparameters: { nHidden: 16 },
    });
    expect(events.filter((e) => e.event === 'step').every((e) => e.lr === 0.05)).toBe(true);
    expect(events.filter((e) => e.event === 'done')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ event: 'done', steps: 40, out });
  });

  test('--resume without a directory, or on a directory that lost its optimizer state, is refused', async () => {
    const bare = await runCli(['train', '--resume']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toBe(
      'error: --resume continues the model in a directory; name it with --out <dir>.\n',
    );
    const out = join(await tempDir(), 'mlp');
    await train(['--model', 'mlp', '--out', out, ...QUICK]);
    await rm(join(out, 'optimizer.safetensors'));
    const resumed = await runCli(['train', '--resume', '--out', out, '--steps', '40']);
    expect(resumed.code).toBe(2);
    expect(resumed.stderr).toBe(
      `error: ${out} has no training state to resume; train without --resume to start over.\n`,
    );
  });

  test('a hyperparameter the model does not take is a usage error before the data is read', async () => {
    const { code, stderr } = await runCli([
      'train',
      '--model',
      'rnn',
      '--n-layer',
      '2',
      '--data',
      '/no/such/file.txt',
    ]);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'error: --n-layer is a hyperparameter of transformer, not of the rnn model; it takes --block-size, --n-embd, --n-embd2.\n',
    );
  });

  test.each(['bow', 'lstm'])('%s trains a few steps and samples', async (model) => {
    const out = join(await tempDir(), model);
    const { stdout } = await train([
      '--model',
      model,
      '--out',
      out,
      '--n-embd',
      '8',
      '--n-embd2',
      '8',
      ...QUICK,
      '--json',
    ]);
    const events = jsonLines(stdout);
    expect(events.find((e) => e.event === 'start')).toMatchObject({ model, hyperparameters: { nEmbd2: 8 } });
    expect(events.filter((e) => e.event === 'sample')).toHaveLength(2);
    const sampled = await runCli(['sample', '--model-dir', out, '-n', '3', '--json']);
    expect(jsonLines(sampled.stdout)).toHaveLength(3);
  });

  test('piped output gets plain progress lines, --quiet none, and the summary reads right for one step', async () => {
    const dir = await tempDir();
    const piped = await train([
      '--model',
      'mlp',
      '--out',
      join(dir, 'a'),
      '--steps',
      '50',
      '--eval-every',
      '50',
      '--samples',
      '0',
    ]);
    expect(piped.stdout).toMatch(/^step 10\/50 \| loss \d+\.\d{4} \| [\d.,]+ steps\/s \| ETA \d+ s$/m);
    expect(piped.stdout).toMatch(/^step 50\/50 \| loss \d+\.\d{4} \| [\d.,]+ steps\/s/m);
    expect(piped.stdout).toMatch(/^data: first-names, 8,422 items; device: cpu$/m);
    const quiet = await train([
      '--model',
      'mlp',
      '--out',
      join(dir, 'b'),
      '--steps',
      '50',
      '--quiet',
      '--samples',
      '0',
    ]);
    expect(quiet.stdout).not.toMatch(/^step \d+\/50/m);
    const one = await train(['--model', 'mlp', '--out', join(dir, 'c'), '--steps', '1', '--samples', '0']);
    expect(one.stdout).toMatch(/^done after 1 step in \d+\.\d s \((\d+(\.\d)?|0\.\d+) steps\/s\);/m);
    expect(one.stdout).not.toMatch(/\(0 steps\/s\)/);
  });

  test('score --detail shows the context each model reads', async () => {
    const dir = await tempDir();
    await train(['--out', join(dir, 'bigram'), '--samples', '0']);
    await train(['--model', 'mlp', '--out', join(dir, 'mlp'), '--steps', '1', '--samples', '0']);
    const contexts = async (model: string) => {
      const { stdout } = await runCli([
        'score',
        '--model-dir',
        join(dir, model),
        '--detail',
        '--json',
        'emma',
      ]);
      return (jsonLines(stdout)[0]!.terms as { context: string }[]).map((t) => t.context);
    };
    expect(await contexts('bigram')).toEqual(['.', 'e', 'm', 'm', 'a']);
    expect(await contexts('mlp')).toEqual(['...', '..e', '.em', 'emm', 'mma']);
  });
});

describe.runIf(existsSync(NAMES) || process.env.CI === 'true')('the n-gram of the lecture’s exercise', () => {
  test('--n 2 gives the bigram’s scores; the trigram fits names.txt better; both score and sample', async () => {
    const dir = await tempDir();
    const scores = async (args: string[]) => {
      const out = join(dir, args.join('-'));
      await train([...args, '--data', NAMES, '--smoothing', '0', '--out', out, '--samples', '0']);
      const { stdout } = await runCli(['score', '--model-dir', out, '--json', '--detail', 'emma']);
      const evaluated = jsonLines((await runCli(['eval', '--model-dir', out, '--json'])).stdout)[0]!;
      return { emma: jsonLines(stdout)[0]!, nll: evaluated.nll as number, out };
    };
    const bigram = await scores(['--model', 'bigram']);
    const ngram2 = await scores(['--model', 'ngram', '--n', '2']);
    const trigram = await scores(['--model', 'ngram']);
    expect(ngram2.emma.logLikelihood).toBeCloseTo(-12.569, 4);
    expect(ngram2.nll).toBeCloseTo(bigram.nll, 10);
    expect(trigram.nll).toBeLessThan(bigram.nll - 0.2);
    const contexts = (trigram.emma.terms as { context: string }[]).map((t) => t.context);
    expect(contexts).toEqual(['..', '.e', 'em', 'mm', 'ma']);
    const sampled = await runCli(['sample', '--model-dir', trigram.out, '-n', '5', '--seed', '1', '--json']);
    expect(jsonLines(sampled.stdout).map((line) => line.status)).toHaveLength(5);
  });
});

test('a reader that closes the pipe early ends the command quietly', async () => {
  const out = join(await tempDir(), 'bigram');
  await train(['--out', out, '--samples', '0']);
  const child = spawn(process.execPath, [BIN, 'sample', '--model-dir', out, '-n', '100000', '--seed', '1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.once('data', () => child.stdout.destroy());
  const code = await new Promise((resolve) => child.on('close', resolve));
  expect(code).toBe(0);
  expect(stderr).not.toMatch(/EPIPE|Error/);
});
