// First: it sets a V8 flag that must be in place before the tensor core loads.
import './relaxed-simd.js';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MATMUL_SIZES, makemoreMatmul, tfjsMatmul } from './matmul.js';
import { makeBatches, makemoreStep, tfjsStep } from './mlp.js';
import { loadTf, useBackend } from './tfjs.js';
import { medianRate } from './timing.js';

// `pnpm bench [--json] [--quick]`: the makemore MLP training step and matmul GFLOP/s, for
// @makemore/tensor and TensorFlow.js (cpu and wasm) in the same process, pinned to one core.

type Impl = 'makemore-cpu' | 'tfjs-cpu' | 'tfjs-wasm';
type Result =
  | { bench: 'mlp-step'; impl: Impl; stepsPerSec: number; finalLoss: number }
  | { bench: 'matmul'; impl: Impl; size: string; gflops: number };

const args = new Set(process.argv.slice(2));
const json = args.has('--json');
const quick = args.has('--quick');

function pinToOneCore(): void {
  // Re-run under `taskset -c 0` once, so every implementation gets the same single core.
  if (process.env.MAKEMORE_BENCH_PINNED || process.platform !== 'linux' || !existsSync('/usr/bin/taskset'))
    return;
  const res = spawnSync(
    '/usr/bin/taskset',
    ['-c', '0', process.execPath, ...process.execArgv, ...process.argv.slice(1)],
    {
      stdio: 'inherit',
      env: { ...process.env, MAKEMORE_BENCH_PINNED: '1' },
    },
  );
  process.exit(res.status ?? 1);
}

function log(msg: string): void {
  if (!json) process.stderr.write(`${msg}\n`);
}

async function main(): Promise<void> {
  pinToOneCore();
  const timing = quick
    ? { warmupMs: 200, windowMs: 200, windows: 3 }
    : { warmupMs: 1000, windowMs: 700, windows: 7 };
  const results: Result[] = [];
  const tf = await loadTf();
  tf.enableProdMode(); // no per-op debug checks, as a deployed app would run
  const batches = makeBatches(64);

  // --- MLP training step
  {
    const s = makemoreStep(batches);
    const stepsPerSec = medianRate(s.step, timing);
    results.push({ bench: 'mlp-step', impl: 'makemore-cpu', stepsPerSec, finalLoss: s.loss() });
    s.dispose();
    log(`mlp-step makemore-cpu ${stepsPerSec.toFixed(0)} steps/s`);
  }
  for (const [impl, backend, oneHot] of [
    ['tfjs-cpu', 'cpu', false],
    ['tfjs-wasm', 'wasm', true],
  ] as const) {
    await useBackend(tf, backend);
    const s = tfjsStep(tf, batches, oneHot);
    const stepsPerSec = medianRate(s.step, timing);
    results.push({ bench: 'mlp-step', impl, stepsPerSec, finalLoss: s.loss() });
    s.dispose();
    log(`mlp-step ${impl} ${stepsPerSec.toFixed(0)} steps/s`);
  }

  // --- matmul
  const mmTiming = quick
    ? { warmupMs: 100, windowMs: 150, windows: 3 }
    : { warmupMs: 300, windowMs: 400, windows: 5 };
  for (const { label, m, k, n } of MATMUL_SIZES) {
    const flops = 2 * m * k * n;
    const mm = makemoreMatmul(m, k, n);
    results.push({
      bench: 'matmul',
      impl: 'makemore-cpu',
      size: label,
      gflops: (medianRate(mm.run, mmTiming) * flops) / 1e9,
    });
    mm.dispose();
    for (const [impl, backend] of [
      ['tfjs-cpu', 'cpu'],
      ['tfjs-wasm', 'wasm'],
    ] as const) {
      await useBackend(tf, backend);
      const t = tfjsMatmul(tf, m, k, n);
      results.push({
        bench: 'matmul',
        impl,
        size: label,
        gflops: (medianRate(t.run, mmTiming) * flops) / 1e9,
      });
      t.dispose();
    }
    log(`matmul ${label} done`);
  }

  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: cpus()[0]?.model ?? 'unknown',
    pinned: process.env.MAKEMORE_BENCH_PINNED === '1' ? 'taskset -c 0' : 'no',
    quick,
  };
  const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'bench-results');
  mkdirSync(outDir, { recursive: true });
  const payload = `${JSON.stringify({ meta, results }, null, 2)}\n`;
  writeFileSync(join(outDir, 'latest.json'), payload);
  writeFileSync(join(outDir, `bench-${meta.date.replace(/[:.]/g, '-')}.json`), payload);

  if (json) {
    for (const r of results) {
      const { finalLoss: _drop, ...line } = r as Result & { finalLoss?: number };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }
    return;
  }
  const steps = results.filter((r) => r.bench === 'mlp-step');
  const wasm = steps.find((r) => r.impl === 'tfjs-wasm')!.stepsPerSec;
  console.log(
    `\nMLP training step (batch 32, block 3, n_embd 10, hidden 200, vocab 27, SGD) — ${meta.pinned}, ${meta.cpu}`,
  );
  console.table(
    steps.map((r) => ({
      impl: r.impl,
      'steps/s': Math.round(r.stepsPerSec),
      'vs tfjs-wasm': `${(r.stepsPerSec / wasm).toFixed(2)}x`,
      'loss after run': r.finalLoss.toFixed(3),
    })),
  );
  console.log('\nmatmul GFLOP/s (median)');
  const mm = results.filter((r) => r.bench === 'matmul');
  console.table(
    MATMUL_SIZES.map(({ label }) => {
      const row: Record<string, string> = { size: label };
      for (const r of mm) if (r.size === label) row[r.impl] = r.gflops.toFixed(2);
      return row;
    }),
  );
  console.log(`\nresults written to ${join(outDir, 'latest.json')}`);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
