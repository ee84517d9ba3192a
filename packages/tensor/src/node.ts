/**
 * `@makemore/tensor/node`: what only Node offers the tensor core, worker threads for now.
 *
 * @packageDocumentation
 */
// The one file of the package that uses Node's API, behind its own entry point (the rest builds
// without Node's types and runs in browsers).
/// <reference types="node" />
import { Worker } from 'node:worker_threads';
import { CONTROL_SLOTS, type PoolWorker, sharedKernelBytes, ThreadPool } from './cpu/threads/pool.js';

export { type MatmulJob, type MatmulRows, type PoolWorker, ThreadPool } from './cpu/threads/pool.js';

// A worker's whole program, as source text so that it runs the same from the built package and from
// the TypeScript sources under a test runner. It instantiates the shared build over the shared
// memory, says it is ready, then waits for jobs (see ThreadPool.matmul for the control block) and
// computes its rows of each: rows index·chunk .. (index+1)·chunk, chunk a multiple of 4.
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const { module, memory, control, index, threads } = workerData;
const instance = new WebAssembly.Instance(module, {
  env: { memory, abort: () => { throw new Error('wasm kernel aborted'); } },
});
const matmul = instance.exports.matmul;
const ctl = new Int32Array(memory.buffer, control, ${CONTROL_SLOTS});
let seen = Atomics.load(ctl, 0);
parentPort.postMessage('ready');
for (;;) {
  Atomics.wait(ctl, 0, seen);
  seen = Atomics.load(ctl, 0);
  if (Atomics.load(ctl, 2) === 1) break;
  const u = (i) => Atomics.load(ctl, 3 + i) >>> 0;
  const M = u(8);
  const chunk = Math.ceil(M / threads / 4) * 4;
  const r0 = Math.min(M, index * chunk);
  const r1 = Math.min(M, (index + 1) * chunk);
  if (r0 < r1) matmul(u(0), u(1), u(2), u(3) + index * u(4), u(5), u(6), u(7), M, u(9), u(10), u(11), u(12), r0, r1);
  Atomics.add(ctl, 1, 1);
  Atomics.notify(ctl, 1);
}
`;

/**
 * Starts `threads − 1` worker threads that share one WebAssembly memory with a CPU backend, which
 * then splits its large float32 matmuls by rows across them and the calling thread (results equal
 * one thread's, bit for bit). Give it to `new CpuBackend({ threads: pool })`; `pool.close()` stops
 * the workers (they never keep the process alive). Needs WebAssembly threads and relaxed SIMD (on
 * Node 20, `v8.setFlagsFromString('--experimental-wasm-relaxed-simd')` first, as the CLI does).
 *
 * @param threads - threads in all, the caller included (at least 1)
 * @throws Error where the runtime cannot run the shared build
 * @example
 * ```ts
 * import { setFlagsFromString } from 'node:v8';
 * import { createThreadPool } from '@makemore/tensor/node';
 *
 * setFlagsFromString('--experimental-wasm-relaxed-simd'); // Node 20 only
 * const pool = await createThreadPool(2);
 * const cpu = new CpuBackend({ threads: pool });
 * cpu.threads; // 2
 * pool.close();
 * ```
 */
export async function createThreadPool(threads: number): Promise<ThreadPool> {
  if (!(Number.isInteger(threads) && threads >= 1)) {
    throw new Error(`createThreadPool: threads must be a positive integer, got ${threads}.`);
  }
  const bytes = sharedKernelBytes();
  if (!WebAssembly.validate(bytes)) {
    throw new Error(
      'createThreadPool: this runtime cannot run the threaded kernels (they need WebAssembly threads and relaxed SIMD; on Node 20 set --experimental-wasm-relaxed-simd first).',
    );
  }
  const module = new WebAssembly.Module(bytes);
  const memory = new WebAssembly.Memory({ initial: 16, maximum: 65536, shared: true });
  const instance = new WebAssembly.Instance(module, {
    env: {
      memory,
      abort: () => {
        throw new Error('wasm kernel aborted');
      },
    },
  });
  const heapBase = (instance.exports['heapBase'] as () => number)();
  const control = (heapBase + 15) & ~15;
  const workers: PoolWorker[] = [];
  try {
    await Promise.all(
      Array.from({ length: threads - 1 }, (_, i) => {
        const worker = new Worker(WORKER_SOURCE, {
          eval: true,
          workerData: { module, memory, control, index: i + 1, threads },
        });
        workers.push(worker);
        return new Promise<void>((resolve, reject) => {
          worker.once('message', () => {
            // A worker that waits for jobs must not keep the process alive.
            worker.unref();
            resolve();
          });
          worker.once('error', reject);
        });
      }),
    );
  } catch (error) {
    for (const w of workers) w.terminate();
    throw error;
  }
  return new ThreadPool(memory, module, instance, control, workers);
}
