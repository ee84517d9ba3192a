import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The PyTorch yardstick of train-speed.ts: finds a Python, checks that it can import torch, and runs
// reference/pytorch-speed.py for one model at a time. The script does the PyTorch work; this file only
// handles the process, so the bench itself has no Python in it.

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = join(here, '../../..');
const script = join(here, '../reference/pytorch-speed.py');

/** How to get PyTorch where the bench looks for it, for the message when it is missing. */
export const TORCH_INSTALL_HINT =
  'To get it, from the repo root: python3 -m venv .venv && .venv/bin/pip install torch ' +
  "(the CPU wheel from this machine's pip); or pass --python PATH or set MAKEMORE_PYTHON to a Python that has torch.";

/**
 * What pytorch-speed.py needs to build and time one model as ours does: the resolved hyperparameters,
 * shapes, optimizer and data, and the timing windows (its fields are documented in the script).
 */
export interface PytorchSpec {
  model: string;
  hyperparameters: Record<string, number>;
  vocabSize: number;
  blockSize: number;
  dataFormat: 'window' | 'sequence';
  batchSize: number;
  /** The same rows every step (bigram-nn's batch size 0), rather than a random batch. */
  fullBatch: boolean;
  optimizer: {
    type: string;
    lr: number;
    weightDecay: number;
    betas?: [number, number];
    eps?: number;
    momentum?: number;
  };
  data: string;
  /** Names in the training split, so that random batches come from a set of the same size. */
  trainItems: number;
  warmupMs: number;
  windowMs: number;
  windows: number;
  seed: number;
}

/** One line of pytorch-speed.py's output. */
export interface PytorchResult {
  model: string;
  parameters: number;
  batchSize: number;
  stepsPerSecond: number;
  torch: string;
  threads: number;
}

/** A Python to run the script with, and where it came from (for messages). */
export interface PythonChoice {
  path: string;
  source: string;
}

/**
 * The Python to use, first found of: `--python`, `MAKEMORE_PYTHON`, the repo's `.venv` (where the
 * README says to install torch), `python3` on the PATH. An explicit choice is used even if it is
 * broken, so that the probe's message names it rather than silently falling back.
 */
export function findPython(explicit?: string): PythonChoice {
  if (explicit) return { path: explicit, source: '--python' };
  const fromEnv = process.env['MAKEMORE_PYTHON'];
  if (fromEnv) return { path: fromEnv, source: 'MAKEMORE_PYTHON' };
  const venv = join(repoRoot, '.venv/bin/python');
  if (existsSync(venv)) return { path: venv, source: '<repo root>/.venv' };
  return { path: 'python3', source: 'PATH' };
}

/** The torch version `python` imports, or why it cannot (the script's own stderr, or the spawn error). */
export function probeTorch(python: PythonChoice): { torch: string } | { error: string } {
  const result = spawnSync(python.path, [script, '--probe'], { encoding: 'utf8', timeout: 120_000 });
  if (result.error) return { error: result.error.message };
  let answer: { torch?: string; error?: string } = {};
  try {
    answer = JSON.parse(result.stdout) as typeof answer;
  } catch {
    // Not the script's JSON: a crash before it could answer, whose cause is on stderr.
  }
  if (result.status === 0 && answer.torch) return { torch: answer.torch };
  return { error: answer.error ?? (tail(result.stderr) || `exit status ${result.status}`) };
}

/**
 * Times one model in PyTorch with `threads` intra-op threads. Runs synchronously: the bench times one
 * side at a time on the same core, so nothing else should run meanwhile.
 *
 * @throws Error with the script's stderr when it fails or prints something else than its JSON line
 */
export function timeInPytorch(python: PythonChoice, spec: PytorchSpec, threads: number): PytorchResult {
  // Data loading and model building take seconds; the timed windows take the rest.
  const expectedMs = (spec.windows + 1) * spec.windowMs;
  const result = spawnSync(python.path, [script, '--threads', String(threads)], {
    input: JSON.stringify(spec),
    encoding: 'utf8',
    timeout: 5 * expectedMs + 120_000,
    // OpenMP would otherwise size its pool to every core before set_num_threads trims it.
    env: { ...process.env, OMP_NUM_THREADS: String(threads) },
    maxBuffer: 16 * 1024 * 1024,
  });
  if (result.error) throw new Error(`PyTorch run of ${spec.model} failed: ${result.error.message}`);
  if (result.status !== 0) {
    throw new Error(`PyTorch run of ${spec.model} exited with ${result.status}: ${tail(result.stderr)}`);
  }
  const line = result.stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as PytorchResult;
  } catch {
    throw new Error(`PyTorch run of ${spec.model} printed no JSON line: ${tail(result.stdout)}`);
  }
}

/** The last lines of a process's output, enough to see a Python traceback's cause. */
function tail(text: string | null | undefined): string {
  return (text ?? '').trim().split('\n').slice(-5).join('\n');
}
