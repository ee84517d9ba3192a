/**
 * `@makemore/tensor/browser`: what only browsers offer the tensor core, Web Workers for now.
 *
 * @packageDocumentation
 */
import { sharedKernelBytes, type ThreadPool } from './cpu/threads/pool.js';
import { startThreadPool } from './cpu/threads/start.js';
import { workerProgram } from './cpu/threads/worker-program.js';

export { type MatmulJob, type MatmulRows, type PoolWorker, ThreadPool } from './cpu/threads/pool.js';

// The pool's worker program (src/cpu/threads/worker-program.ts), fed from the first message: it
// then blocks in its loop for good, which a worker may (terminate() ends it).
const WORKER_SOURCE = workerProgram(
  `self.onmessage = (event) => {
  self.onmessage = null;
  const { module, memory, control, index, threads } = event.data;
  const ready = () => self.postMessage('ready');`,
  '};',
);

const HEADERS =
  'serve the page with the headers `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`';

/** Why this context cannot start a pool's workers, or null where it can (the kernels aside). */
function workersUnsupported(): string | null {
  if ((globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== true) {
    return `this page is not cross-origin isolated, so SharedArrayBuffer is unavailable; ${HEADERS}.`;
  }
  if (typeof SharedArrayBuffer !== 'function') return `SharedArrayBuffer is unavailable; ${HEADERS}.`;
  if (typeof Worker !== 'function') return 'this context cannot start Web Workers.';
  return null;
}

/** Whether this thread may block with `Atomics.wait` (a worker may; a page's main thread may not). */
function canBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether this browser context can run a thread pool, and why (see {@link browserThreadSupport}). */
export interface BrowserThreadSupport {
  /** Whether `createBrowserThreadPool(n)` with n > 1 can start, called from a dedicated Web Worker of this page. */
  available: boolean;
  /** One sentence for the page: what is missing, or that all is there. */
  reason: string;
}

/**
 * Whether this page (or worker) can share the CPU backend's matmuls across Web Workers: it must be
 * cross-origin isolated (served with `Cross-Origin-Opener-Policy: same-origin` and
 * `Cross-Origin-Embedder-Policy: require-corp`, without which there is no SharedArrayBuffer), start
 * workers, and run WebAssembly threads with relaxed SIMD (Chrome 114 or later). The answer holds for
 * the page's dedicated workers, where the pool must be created; a page's main thread may ask it to
 * say in the page whether training can use more than one core.
 *
 * @returns whether a pool can start, and one sentence saying why or why not
 * @example
 * ```ts
 * import { browserThreadSupport } from '@makemore/tensor/browser';
 *
 * const { available, reason } = browserThreadSupport();
 * console.log(available ? 'training can use every core' : `one thread: ${reason}`);
 * ```
 */
export function browserThreadSupport(): BrowserThreadSupport {
  const unsupported = workersUnsupported();
  if (unsupported !== null) return { available: false, reason: unsupported };
  if (typeof WebAssembly !== 'object' || !WebAssembly.validate(sharedKernelBytes())) {
    return {
      available: false,
      reason:
        'this browser cannot run the threaded kernels (they need WebAssembly threads and relaxed SIMD).',
    };
  }
  return {
    available: true,
    reason:
      'the page is cross-origin isolated and runs WebAssembly threads, so a Web Worker can share matmuls with others.',
  };
}

/**
 * Starts `threads − 1` Web Workers that share one WebAssembly memory with a CPU backend, which then
 * splits its large float32 matmuls by rows across them and the calling thread (results equal one
 * thread's, bit for bit): the browser's `createThreadPool` (`@makemore/tensor/node`). Give it to
 * `new CpuBackend({ threads: pool })`; `pool.close()` terminates the workers. The workers run from a
 * Blob URL, so there is no file to serve or bundle.
 *
 * Call it from a dedicated Web Worker (nested workers are fine): the caller blocks with
 * `Atomics.wait` until the workers finish each matmul, which a page's main thread may not do, so
 * there it rejects for any `threads` above 1 rather than freeze the page. The page must be
 * cross-origin isolated (see {@link browserThreadSupport}).
 *
 * @param threads - threads in all, the caller included (at least 1)
 * @throws Error where `threads` is not a positive integer; where the page is not cross-origin
 *   isolated or has no SharedArrayBuffer (naming the two headers it needs); on a page's main thread
 *   with `threads` above 1; where the browser cannot run WebAssembly threads with relaxed SIMD; or
 *   where a worker fails to start
 * @example
 * ```ts
 * // In a dedicated Web Worker: two threads where the page is cross-origin isolated, one otherwise.
 * import { CpuBackend } from '@makemore/tensor';
 * import { browserThreadSupport, createBrowserThreadPool } from '@makemore/tensor/browser';
 *
 * const pool = browserThreadSupport().available ? await createBrowserThreadPool(2) : undefined;
 * const cpu = new CpuBackend({ threads: pool });
 * console.log(`training on ${cpu.threads} thread(s)`);
 * pool?.close();
 * ```
 */
export async function createBrowserThreadPool(threads: number): Promise<ThreadPool> {
  let url: string | undefined;
  try {
    return await startThreadPool(threads, {
      name: 'createBrowserThreadPool',
      unsupported: (n) =>
        workersUnsupported() ??
        (n > 1 && !canBlock()
          ? "this thread cannot block with Atomics.wait (a page's main thread cannot), and the pool's caller waits for its workers that way; create the pool in a dedicated Web Worker."
          : null),
      kernelHint: ': Chrome 114 or later',
      spawn(data) {
        url ??= URL.createObjectURL(new Blob([WORKER_SOURCE], { type: 'text/javascript' }));
        const worker = new Worker(url, { name: `makemore matmul ${data.index}` });
        const ready = new Promise<void>((resolve, reject) => {
          worker.onmessage = () => resolve();
          worker.onerror = (event) => {
            event.preventDefault();
            reject(new Error(`createBrowserThreadPool: worker ${data.index} failed: ${event.message}`));
          };
          worker.onmessageerror = () =>
            reject(
              new Error(`createBrowserThreadPool: worker ${data.index} could not receive the shared memory.`),
            );
        });
        worker.postMessage(data);
        return { worker, ready };
      },
    });
  } finally {
    if (url !== undefined) URL.revokeObjectURL(url);
  }
}
