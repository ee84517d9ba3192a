import { type Backend, Generator, noGrad, randn } from '@makemore/tensor';
import { disposeMlpFixture, mlpFixture, mlpTrainingStep } from '@makemore/tensor/testing';

// The gpu.js benchmark cases, free of Node APIs so that gpu-browser-entry.ts can run them in
// Chromium. Every timed call ends with a readback of its result (`await data()`, the readback every
// backend has, WebGPU included), since GPU work is otherwise only queued.

/** One matmul timing. */
export interface MatmulResult {
  bench: 'matmul';
  impl: string;
  size: string;
  flops: number;
  msPerCall: number;
  gflops: number;
  calls: number;
}

/** One MLP-step timing. */
export interface StepResult {
  bench: 'mlp-step';
  impl: string;
  stepsPerSec: number;
  msPerStep: number;
  loss: number;
}

/** Matmul sizes `[M, K, N]`, 32x30x200 (the MLP's first layer) to 1024^3, up to `max`. */
export function matmulSizes(max: number) {
  return SIZES.filter((s) => Math.max(s.m, s.k, s.n) <= max);
}

const SIZES = [
  { label: '32x30x200', m: 32, k: 30, n: 200 },
  { label: '128', m: 128, k: 128, n: 128 },
  { label: '256', m: 256, k: 256, n: 256 },
  { label: '512', m: 512, k: 512, n: 512 },
  { label: '1024', m: 1024, k: 1024, n: 1024 },
];

/**
 * Times `fn` after one warm-up call (which compiles kernels): the median over samples that fill
 * `budgetMs`, each sample timing enough calls to last at least 5 ms, since browsers coarsen
 * `performance.now()` (to 0.1 ms in Chromium without cross-origin isolation).
 */
export async function time(
  fn: () => Promise<void>,
  budgetMs: number,
  minCalls = 3,
  maxCalls = 200,
): Promise<{ ms: number; calls: number }> {
  await fn();
  // Calibrate: double the calls per sample until one sample lasts 5 ms.
  let reps = 1;
  for (;;) {
    const t = performance.now();
    for (let r = 0; r < reps; r++) await fn();
    if (performance.now() - t >= 5 || reps >= 1024) break;
    reps *= 2;
  }
  const samples: number[] = [];
  let calls = 0;
  const start = performance.now();
  while (samples.length < maxCalls && (samples.length < minCalls || performance.now() - start < budgetMs)) {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) await fn();
    samples.push((performance.now() - t0) / reps);
    calls += reps;
  }
  samples.sort((a, b) => a - b);
  const mid = samples.length >> 1;
  const ms = samples.length % 2 ? samples[mid]! : (samples[mid - 1]! + samples[mid]!) / 2;
  return { ms, calls };
}

/** Median ms of `a.matmul(b)` read back with `await data()`, at size `s`. */
export async function matmulBench(
  impl: string,
  device: Backend,
  s: (typeof SIZES)[number],
  quick: boolean,
): Promise<MatmulResult> {
  const g = new Generator(0);
  const a = randn([s.m, s.k], { generator: g, device });
  const b = randn([s.k, s.n], { generator: g, device });
  const flops = 2 * s.m * s.k * s.n;
  const { ms, calls } = await time(
    async () => {
      const c = noGrad(() => a.matmul(b));
      await c.data();
      c.dispose();
    },
    quick ? 300 : 1500,
    quick ? 1 : 3,
  );
  a.dispose();
  b.dispose();
  return { bench: 'matmul', impl, size: s.label, flops, msPerCall: ms, gflops: flops / (ms * 1e6), calls };
}

/**
 * Steps per second of the makemore MLP training step (batch 32, context 3, n_embd 10, hidden 200):
 * the conformance suite's MLP fixture and SGD step, so the step timed is the step tested.
 */
export async function mlpBench(impl: string, device: Backend, quick: boolean): Promise<StepResult> {
  const fixture = mlpFixture(device);
  let loss = 0;
  const step = async () => {
    loss = await mlpTrainingStep(fixture); // the one readback per step a training loop makes
  };
  const { ms } = await time(step, quick ? 500 : 3000, 5, 5000);
  disposeMlpFixture(fixture);
  return { bench: 'mlp-step', impl, stepsPerSec: 1000 / ms, msPerStep: ms, loss };
}
