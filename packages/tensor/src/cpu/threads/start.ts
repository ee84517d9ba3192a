import { type PoolWorker, sharedKernelBytes, ThreadPool } from './pool.js';
import type { PoolWorkerData } from './worker-program.js';

/** What a platform gives {@link startThreadPool}: its name, its checks and how it starts a worker. */
export interface PoolPlatform {
  /** The factory's name, which starts every error message (`createThreadPool`). */
  name: string;
  /** Why this runtime cannot run a pool of `threads`, asked before anything starts; null where it can. */
  unsupported(threads: number): string | null;
  /** Appended to the message when the runtime rejects the shared build (how to get relaxed SIMD). */
  kernelHint: string;
  /** Starts one worker on `data`; `ready` settles when it says so (or rejects when it fails to start). */
  spawn(data: PoolWorkerData): { worker: PoolWorker; ready: Promise<void> };
}

/**
 * The platform-independent half of a pool factory: checks `threads` and the runtime, compiles the
 * shared build over a fresh shared memory, instantiates it for the caller, places the control
 * block after its static data and starts `threads − 1` workers on it, terminating them all if one
 * fails to start.
 *
 * @param threads - threads in all, the caller included (at least 1)
 * @param platform - the runtime's part
 * @throws Error naming `platform.name` where `threads` is not a positive integer or the runtime cannot
 */
export async function startThreadPool(threads: number, platform: PoolPlatform): Promise<ThreadPool> {
  const { name } = platform;
  if (!(Number.isInteger(threads) && threads >= 1)) {
    throw new Error(`${name}: threads must be a positive integer, got ${threads}.`);
  }
  const unsupported = platform.unsupported(threads);
  if (unsupported !== null) throw new Error(`${name}: ${unsupported}`);
  const bytes = sharedKernelBytes();
  if (!WebAssembly.validate(bytes)) {
    throw new Error(
      `${name}: this runtime cannot run the threaded kernels (they need WebAssembly threads and relaxed SIMD${platform.kernelHint}).`,
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
        const { worker, ready } = platform.spawn({ module, memory, control, index: i + 1, threads });
        workers.push(worker);
        return ready;
      }),
    );
  } catch (error) {
    for (const w of workers) w.terminate();
    throw error;
  }
  return new ThreadPool(memory, module, instance, control, workers);
}
