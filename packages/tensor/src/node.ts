/**
 * `@makemore/tensor/node`: what only Node offers the tensor core, worker threads for now.
 *
 * @packageDocumentation
 */
// The one file of the package that uses Node's API, behind its own entry point (the rest builds
// without Node's types and runs in browsers).
/// <reference types="node" />
import { Worker } from 'node:worker_threads';
import type { ThreadPool } from './cpu/threads/pool.js';
import { startThreadPool } from './cpu/threads/start.js';
import { workerProgram } from './cpu/threads/worker-program.js';

export { type MatmulJob, type MatmulRows, type PoolWorker, ThreadPool } from './cpu/threads/pool.js';

// The pool's worker program (src/cpu/threads/worker-program.ts), fed from Node's workerData.
const WORKER_SOURCE = workerProgram(`
const { workerData, parentPort } = require('node:worker_threads');
const { module, memory, control, index, threads } = workerData;
const ready = () => parentPort.postMessage('ready');
`);

/**
 * Starts `threads − 1` worker threads that share one WebAssembly memory with a CPU backend, which
 * then splits its large float32 matmuls by rows across them and the calling thread (results equal
 * one thread's, bit for bit). Give it to `new CpuBackend({ threads: pool })`; `pool.close()` stops
 * the workers (they never keep the process alive). Needs WebAssembly threads and relaxed SIMD (on
 * Node 20, `v8.setFlagsFromString('--experimental-wasm-relaxed-simd')` first, as the CLI does).
 * In a browser, use `createBrowserThreadPool` from `@makemore/tensor/browser`.
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
export function createThreadPool(threads: number): Promise<ThreadPool> {
  return startThreadPool(threads, {
    name: 'createThreadPool',
    unsupported: () => null,
    kernelHint: '; on Node 20 set --experimental-wasm-relaxed-simd first',
    spawn(workerData) {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData });
      const ready = new Promise<void>((resolve, reject) => {
        worker.once('message', () => {
          // A worker that waits for jobs must not keep the process alive.
          worker.unref();
          resolve();
        });
        worker.once('error', reject);
      });
      return { worker, ready };
    },
  });
}
