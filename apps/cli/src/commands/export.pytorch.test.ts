import { spawn, spawnSync } from 'node:child_process';
import { readdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { SIXTY_NAMES } from '../../../../packages/data/src/test-support/short-names.js';
import { jsonLines, runCli, tempDir } from '../test-support/run-cli.js';

// The round trip of issue #19 with a real PyTorch: export, reproduce our log-likelihoods in torch,
// train with DistributedDataParallel on 2 processes (gloo, loopback), import, and use the result.
const REPO = fileURLToPath(new URL('../../../../', import.meta.url));
const PYTHON = process.env['MAKEMORE_PYTHON'] ?? join(REPO, '.venv/bin/python');

/** Why torch cannot be used here, or null when it can. */
function torchProblem(): string | null {
  const probe = spawnSync(PYTHON, ['-c', 'import torch; print(torch.__version__)'], { encoding: 'utf8' });
  if (probe.error) return `${PYTHON} cannot run (${probe.error.message})`;
  if (probe.status !== 0) return `${PYTHON} cannot import torch (${probe.stderr.trim().split('\n').pop()})`;
  return null;
}

const problem = torchProblem();
const skip = problem !== null && process.env['CI'] !== 'true';
if (skip) {
  console.warn(
    `export.pytorch.test.ts skipped: ${problem}; set MAKEMORE_PYTHON or run python3 -m venv .venv && .venv/bin/pip install torch.`,
  );
}

// Words of the training data's characters (a character outside the vocab cannot be scored).
const SCORED = ['emma', 'noah', 'liam', 'ava', 'jameson'];

// Tiny models (seconds to train), each with the flags the CLI takes for it.
const MODELS: [string, string[]][] = [
  ['mlp', ['--n-embd', '4', '--n-hidden', '16']],
  ['gru', ['--n-embd', '8', '--n-embd2', '8']],
  ['transformer', ['--n-embd', '8', '--n-head', '2', '--n-layer', '1']],
];

function run(command: string, args: string[], cwd: string): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, MASTER_ADDR: '127.0.0.1', PYTHONDONTWRITEBYTECODE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

/** A free loopback port for torchrun's rendezvous, so parallel runs do not collide on 29500. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function cli(args: string[]): Promise<string> {
  const result = await runCli(args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return result.stdout;
}

const nll = async (dir: string, data: string) =>
  jsonLines(await cli(['eval', '--model-dir', dir, '--data', data, '--json']))[0]!['nll'] as number;

describe.skipIf(skip)('makemore export --to pytorch, torchrun, makemore import', () => {
  test.each(MODELS)(
    '%s: PyTorch reproduces our log-likelihoods, DDP training lowers the loss, the import samples',
    async (model, flags) => {
      if (problem !== null) throw new Error(`CI=true but ${problem}`);
      const dir = await tempDir();
      const data = join(dir, 'words.txt');
      await writeFile(data, `${SIXTY_NAMES.join('\n')}\n`);
      const trained = join(dir, 'trained');
      const pkg = join(dir, 'package');
      await cli([
        'train',
        '--model',
        model,
        '--data',
        data,
        '--steps',
        '30',
        '--out',
        trained,
        '--quiet',
        '--samples',
        '0',
        '--device',
        'cpu',
        ...flags,
      ]);
      await cli(['export', '--model-dir', trained, '--to', 'pytorch', '--out', pkg]);

      // The Python compiles (the syntax check: no Python linter is installed here).
      const sources = (await readdir(pkg)).filter((name) => name.endsWith('.py'));
      expect(sources).toEqual(['makemore_data.py', 'model.py', 'safetensors_io.py', 'train_ddp.py']);
      const compiled = await run(PYTHON, ['-m', 'py_compile', ...sources], pkg);
      expect(compiled.out).toBe('');
      expect(compiled.code).toBe(0);

      const ours = jsonLines(await cli(['score', ...SCORED, '--model-dir', trained, '--json']));
      const script = `import json, sys
from model import load_model
from makemore_data import Vocab, word_log_likelihood
model, config = load_model('.')
vocab = Vocab(config['vocab'])
print(json.dumps([word_log_likelihood(model, vocab, config, w) for w in sys.argv[1:]]))`;
      const torchScores = await run(PYTHON, ['-W', 'ignore', '-c', script, ...SCORED], pkg);
      expect(torchScores.code, torchScores.out).toBe(0);
      const theirs = JSON.parse(torchScores.out.trim().split('\n').pop()!) as number[];
      expect(theirs).toHaveLength(SCORED.length);
      for (const [i, score] of ours.entries()) {
        expect(Math.abs((score['logLikelihood'] as number) - theirs[i]!)).toBeLessThan(1e-4);
      }

      const port = await freePort();
      const ddp = await run(
        PYTHON,
        [
          '-m',
          'torch.distributed.run',
          '--nproc-per-node',
          '2',
          '--master-addr',
          '127.0.0.1',
          '--master-port',
          String(port),
          'train_ddp.py',
          '--data',
          data,
          '--steps',
          '50',
          '--log-every',
          '25',
          '--backend',
          'gloo',
        ],
        pkg,
      );
      expect(ddp.code, ddp.out).toBe(0);
      expect(ddp.out).toMatch(/2 process\(es\) on cpu \(gloo\)/);
      expect(ddp.out).toMatch(/trained 50 steps in [\d.]+s: [\d.]+ steps\/s on 2 process\(es\)/);

      const imported = join(dir, 'imported');
      await cli([
        'import',
        '--from',
        join(pkg, 'out.safetensors'),
        '--config',
        join(pkg, 'config.json'),
        '--out',
        imported,
      ]);
      expect(await nll(imported, data)).toBeLessThan(await nll(trained, data));
      // An imported directory has no training state, so sample notes on stderr that it cannot tell new
      // items from training ones; it samples all the same.
      const samples = await runCli(['sample', '--model-dir', imported, '-n', '3', '--seed', '1']);
      expect(samples.code, samples.stderr).toBe(0);
      expect(samples.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(3);
    },
    240_000,
  );
});
