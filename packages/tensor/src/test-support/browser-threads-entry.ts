// Bundled with esbuild and served by browser.test.ts to headless Chromium, both as a page script and
// as a dedicated Web Worker's script: in a worker it runs the check that the page names in a
// message and posts back its result; in a page it exposes the checks, and `inWorker` to run one
// in a fresh worker. The checks compare a CPU backend sharing its matmuls with a browser thread
// pool against one thread, and time both.
import { browserThreadSupport, createBrowserThreadPool } from '../browser.js';
import { CpuBackend } from '../cpu/backend.js';
import { tensor } from '../creation.js';
import { Generator } from '../random.js';
import { randn } from '../random-creation.js';
import { tidy } from '../scope.js';
import type { Tensor } from '../tensor.js';
import { MLP_SIZES, mlpFixture, mlpTrainingStep } from '../testing/conformance/mlp.js';

/** Bits of a float32 result, so that equal means bit for bit (NaN and −0 included). */
function bits(t: Tensor): number[] {
  return Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));
}

/** The lecture's MLP (block 3, embedding 10, vocab 27) at a batch and width whose matmuls are shared. */
const MLP = { ...MLP_SIZES, hidden: 256, batch: 512 } as const;

/**
 * A training step of that MLP on `device` (SGD), from seeded parameters and one batch. Here and in
 * the bench nothing is disposed: the test worker ends after each check, and its memory with it.
 */
function mlpOn(device: CpuBackend): () => Promise<number> {
  const fixture = mlpFixture(device, 2147483647, MLP);
  return () => mlpTrainingStep(fixture);
}

/** What the parity check found in a worker. */
export interface ParityResult {
  crossOriginIsolated: boolean;
  threads: number;
  /** Per matmul shape, whether the two backends agree bit for bit. */
  matmulsEqual: boolean[];
  jobsAfterMatmuls: number;
  singleLosses: number[];
  threadedLosses: number[];
  jobsAfterMlp: number;
}

async function parity(): Promise<ParityResult> {
  const pool = await createBrowserThreadPool(2);
  try {
    const threaded = new CpuBackend({ threads: pool });
    const single = new CpuBackend();
    const g = new Generator(8);
    const matmulsEqual = (
      [
        [256, 256, 256],
        [101, 700, 40],
      ] as const
    ).map(([M, K, N]) =>
      tidy(() => {
        const a = randn([M, K], { generator: g }).dataSync();
        const b = randn([K, N], { generator: g }).dataSync();
        const on = (d: CpuBackend) =>
          bits(tensor(a, { shape: [M, K], device: d }).matmul(tensor(b, { shape: [K, N], device: d })));
        return on(threaded).join() === on(single).join();
      }),
    );
    const jobsAfterMatmuls = pool.jobs;
    const [stepSingle, stepThreaded] = [mlpOn(single), mlpOn(threaded)];
    const singleLosses = [await stepSingle(), await stepSingle(), await stepSingle()];
    const threadedLosses = [await stepThreaded(), await stepThreaded(), await stepThreaded()];
    return {
      crossOriginIsolated: globalThis.crossOriginIsolated,
      threads: threaded.threads,
      matmulsEqual,
      jobsAfterMatmuls,
      singleLosses,
      threadedLosses,
      jobsAfterMlp: pool.jobs - jobsAfterMatmuls,
    };
  } finally {
    pool.close();
  }
}

/** Runs per second of `fn` over at least `ms`. */
async function rate(fn: () => unknown, ms: number): Promise<number> {
  const start = performance.now();
  let runs = 0;
  while (performance.now() - start < ms) {
    await fn();
    runs++;
  }
  return (runs * 1000) / (performance.now() - start);
}

/**
 * The best runs per second of each of `fns`, timed in turn for `rounds` rounds after three
 * untimed runs each: on a machine shared with other work, alternating and keeping the best keeps a
 * burst of load from landing on one side only.
 */
async function bestRates(
  fns: readonly (() => unknown)[],
  totalMs: number,
  rounds = 5,
): Promise<[number, number]> {
  for (const fn of fns) for (let i = 0; i < 3; i++) await fn();
  const best = fns.map(() => 0);
  for (let r = 0; r < rounds; r++) {
    for (const [i, fn] of fns.entries())
      best[i] = Math.max(best[i]!, await rate(fn, totalMs / rounds / fns.length));
  }
  return [best[0]!, best[1]!];
}

/** Runs per second with 1 and 2 threads. */
export interface BenchResult {
  matmul512: [number, number];
  mlpStep: [number, number];
}

async function bench(totalMs: number): Promise<BenchResult> {
  const pool = await createBrowserThreadPool(2);
  try {
    const backends = [new CpuBackend(), new CpuBackend({ threads: pool })];
    const g = new Generator(1);
    const matmuls = backends.map((device) => {
      const [a, b] = [
        randn([512, 512], { generator: g, device }),
        randn([512, 512], { generator: g, device }),
      ];
      return () => tidy(() => a.matmul(b).dataSync()[0]!);
    });
    return {
      matmul512: await bestRates(matmuls, totalMs),
      mlpStep: await bestRates(backends.map(mlpOn), totalMs),
    };
  } finally {
    pool.close();
  }
}

/** What a context without the pool's requirements answers. */
export interface RefusalResult {
  crossOriginIsolated: boolean;
  support: { available: boolean; reason: string };
  /** The message `createBrowserThreadPool(2)` rejects with, or `'resolved'`. */
  twoThreads: string;
  /** The same for one thread (no workers to wait for). */
  oneThread: string;
}

async function outcome(threads: number): Promise<string> {
  try {
    (await createBrowserThreadPool(threads)).close();
    return 'resolved';
  } catch (error) {
    return (error as Error).message;
  }
}

async function refusals(): Promise<RefusalResult> {
  return {
    crossOriginIsolated: globalThis.crossOriginIsolated,
    support: browserThreadSupport(),
    twoThreads: await outcome(2),
    oneThread: await outcome(1),
  };
}

const CHECKS = { parity, bench, refusals } as const;
/** The checks by name. */
export type CheckName = keyof typeof CHECKS;

type Reply = { ok: true; value: unknown } | { ok: false; error: string };

async function run(check: CheckName, arg: number): Promise<Reply> {
  try {
    return { ok: true, value: await CHECKS[check](arg) };
  } catch (error) {
    return { ok: false, error: String((error as Error).stack ?? error) };
  }
}

/** Runs `check` in a fresh dedicated worker on this script, which `src` serves. */
function inWorker(src: string, check: CheckName, arg: number): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(src);
    worker.onmessage = (event: MessageEvent<Reply>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => reject(new Error(`the test worker failed: ${event.message}`));
    worker.postMessage({ check, arg });
  });
}

const scope = globalThis as unknown as {
  WorkerGlobalScope?: unknown;
  onmessage: ((event: MessageEvent<{ check: CheckName; arg: number }>) => void) | null;
  postMessage(message: unknown): void;
  makemoreThreads?: { run: typeof run; inWorker: typeof inWorker };
};
if (scope.WorkerGlobalScope !== undefined) {
  scope.onmessage = async (event) => scope.postMessage(await run(event.data.check, event.data.arg));
} else {
  scope.makemoreThreads = { run, inWorker };
}
