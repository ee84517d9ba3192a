// First: it sets a V8 flag that must be in place before the tensor core loads.
import './relaxed-simd.js';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { decodeText, fingerprintItems, parseItems, requireItems, splitItems, Vocab } from '@makemore/data';
import { listModels } from '@makemore/models';
import { CpuBackend, getDefaultBackend, setDefaultBackend } from '@makemore/tensor';
import { createThreadPool } from '@makemore/tensor/node';
import { formatProfile, profileSteps } from './op-profile.js';
import { findPython, type PythonChoice, probeTorch, TORCH_INSTALL_HINT, timeInPytorch } from './pytorch.js';
import { oursTable, type SpeedMeta, type VersusRow, versusJsonLines, versusTable } from './speed-report.js';
import { prepareStep, type SpeedRow, type SpeedSetup, timeOurStep } from './speed-step.js';

// `pnpm --filter @makemore/bench bench:speed [--model transformer] [--json]`: training steps per
// second of each registered model on names.txt with its recipe's batch size, on the CPU backend. The
// step is the training loop's own: a random batch, the loss, backward, the optimizer step. Each
// figure is the median of timed windows after a warm-up window.
//
// With --profile, each model's step is profiled instead (--profile-steps, default 200): time and call
// count per op kind in forward, backward and the optimizer, and the time outside any op.
//
// With --vs-pytorch, each model is then timed in PyTorch (reference/pytorch-speed.py, the same model,
// batch, optimizer and timing), right after ours and in the same way, so run it pinned to one core
// (`taskset -c 0 node dist/train-speed.js --vs-pytorch`): the two then take turns on that core.

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    // Read by relaxed-simd.ts before anything loads; listed so that parseArgs accepts it.
    'no-relaxed-simd': { type: 'boolean', default: false },
    model: { type: 'string', multiple: true },
    'window-ms': { type: 'string', default: '3000' },
    windows: { type: 'string', default: '3' },
    data: { type: 'string', default: join(here, '../../../../shared/data/names.txt') },
    json: { type: 'boolean', default: false },
    'vs-pytorch': { type: 'boolean', default: false },
    python: { type: 'string' },
    threads: { type: 'string', default: '1' },
    'our-threads': { type: 'string', default: '1' },
    profile: { type: 'boolean', default: false },
    'profile-steps': { type: 'string', default: '200' },
  },
});

/** The Python that will time PyTorch, or null (after saying why on stderr) when torch is not there. */
function pytorchSide(): { python: PythonChoice; torch: string } | null {
  const python = findPython(values.python);
  const probe = probeTorch(python);
  if ('torch' in probe) return { python, torch: probe.torch };
  process.stderr.write(
    `PyTorch column skipped: ${python.path} (from ${python.source}) cannot import torch (${probe.error}).\n` +
      `${TORCH_INSTALL_HINT}\n`,
  );
  return null;
}

/** With --our-threads N above 1, our CPU backend shares its large matmuls with N − 1 workers. */
async function useOurThreads(): Promise<number> {
  const threads = Number(values['our-threads']);
  if (!Number.isInteger(threads) || threads < 1) throw new Error('--our-threads must be a positive integer.');
  if (threads > 1) setDefaultBackend(new CpuBackend({ threads: await createThreadPool(threads) }));
  return threads;
}

async function main(): Promise<void> {
  const oursThreads = await useOurThreads();
  const items = requireItems(parseItems(decodeText(readFileSync(values.data!))), values.data!);
  const vocab = Vocab.fromItems(items);
  const setup: SpeedSetup = {
    split: splitItems(items, { seed: 42 }),
    vocab,
    data: { source: values.data!, fingerprint: await fingerprintItems(items), items: items.length },
  };
  const names = values.model ?? listModels();
  if (values.profile) {
    printProfiles(names, setup);
    return;
  }
  const windowMs = Number(values['window-ms']);
  const timing = { warmupMs: windowMs, windowMs, windows: Number(values.windows) };
  const threads = Number(values.threads);
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`--threads must be a positive integer.`);
  const versus = values['vs-pytorch'] ? pytorchSide() : null;
  const log = (line: string) => {
    if (!values.json) process.stderr.write(`${line}\n`);
  };
  const rows: VersusRow[] = [];
  for (const name of names) {
    const { row, spec } = timeOurStep(name, setup, timing);
    log(`${name}: ${row.stepsPerSecond.toFixed(1)} steps/s`);
    let pytorch = null;
    if (versus) {
      try {
        pytorch = timeInPytorch(versus.python, { ...spec, ...timing }, threads);
        log(`${name}: PyTorch ${pytorch.stepsPerSecond.toFixed(1)} steps/s`);
      } catch (error) {
        process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      }
    }
    if (pytorch && pytorch.parameters !== row.parameters) {
      process.stderr.write(
        `\n*** WARNING: ${name} has ${row.parameters} parameters here but ${pytorch.parameters} in PyTorch: ` +
          'the two sides do not build the same model, so their ratio is meaningless. Fix reference/pytorch-speed.py. ***\n\n',
      );
    }
    rows.push({ ...row, pytorch });
  }
  const cpu = cpus()[0]?.model ?? 'unknown';
  log(`our kernels: ${kernelBuild()}`);
  if (values['vs-pytorch']) {
    printVersus(rows, {
      cpu,
      node: process.version,
      torch: versus?.torch ?? null,
      python: versus?.python.path ?? null,
      threads,
      oursThreads,
      oursKernels: kernelBuild(),
      date: new Date().toISOString(),
    });
    return;
  }
  printOurs(
    rows.map(({ pytorch: _, ...row }) => row),
    cpu,
  );
}

/** With --profile: time and calls per op and phase for each model's step, as tables or JSON lines. */
function printProfiles(names: readonly string[], setup: SpeedSetup): void {
  const steps = Number(values['profile-steps']);
  if (!Number.isInteger(steps) || steps < 1) throw new Error('--profile-steps must be a positive integer.');
  for (const name of names) {
    const prepared = prepareStep(name, setup);
    const profile = profileSteps(prepared.parts, steps);
    prepared.dispose();
    if (values.json)
      process.stdout.write(`${JSON.stringify({ bench: 'op-profile', model: name, ...profile })}\n`);
    else process.stdout.write(`${formatProfile(name, profile)}\n`);
  }
}

/** Which build of the wasm kernels the CPU backend runs. */
function kernelBuild(): string {
  const backend = getDefaultBackend() as CpuBackend;
  return backend.relaxedSimd ? 'relaxed-simd' : backend.simd ? 'simd' : 'javascript';
}

/** Without --vs-pytorch: one JSON line with every row, or our table. */
function printOurs(rows: SpeedRow[], cpu: string): void {
  if (values.json) {
    const meta = { cpu, node: process.version, kernels: kernelBuild(), date: new Date().toISOString() };
    process.stdout.write(`${JSON.stringify({ bench: 'train-speed', ...meta, rows })}\n`);
    return;
  }
  process.stdout.write(oursTable(rows));
}

/** With --vs-pytorch: a JSON line per model, or the table of both sides (ours alone without torch). */
function printVersus(rows: VersusRow[], meta: SpeedMeta): void {
  if (values.json) process.stdout.write(versusJsonLines(rows, meta));
  else process.stdout.write(meta.torch === null ? oursTable(rows) : versusTable(rows));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
