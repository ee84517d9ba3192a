import { KERNELS_SHARED_WASM_BASE64 } from '../wasm/kernels-wasm.js';

// The control block that the calling thread and the pool's workers share, in Int32 slots of the
// shared wasm memory: a job counter the workers wait on, a count of workers done with the current
// job, a stop flag, then the job's arguments (the worker program in worker-program.ts reads the same
// layout).
const SEQ = 0;
const DONE = 1;
const STOP = 2;
const ARGS = 3;
/** Int32 slots of the control block. */
export const CONTROL_SLOTS = 20;

/** The arguments of one batched matmul (see assembly/matmul.ts), shared out by rows. */
export interface MatmulJob {
  a: number;
  b: number;
  c: number;
  /** `threads` blocks of `scratchBytes`, one per thread. */
  scratch: number;
  scratchBytes: number;
  batch: number;
  aStride: number;
  bStride: number;
  M: number;
  K: number;
  N: number;
  transA: boolean;
  transB: boolean;
}

/** The caller's kernel call for its rows, with its scratch. */
export type MatmulRows = (scratch: number, rowStart: number, rowEnd: number) => void;

/** What a platform's worker must do (a Node worker thread or a Web Worker). */
export interface PoolWorker {
  /** Stops the worker. */
  terminate(): unknown;
}

/** The rows of `M` that thread `index` of `threads` computes: equal multiples of 4 (the tile height). */
export function rowsOf(index: number, threads: number, M: number): [number, number] {
  const chunk = Math.ceil(M / threads / 4) * 4;
  return [Math.min(M, index * chunk), Math.min(M, (index + 1) * chunk)];
}

/**
 * Worker threads that share one WebAssembly memory with the CPU backend and split its large matmuls
 * by rows: the calling thread computes the first share, each worker one more, and the call returns
 * when all are done (the caller blocks with `Atomics.wait`, so it must be allowed to: Node's main
 * thread is, a browser page's is not). Every row is computed by the same code whichever thread runs
 * it, so results are identical to one thread's, bit for bit.
 */
export class ThreadPool {
  #seq = 0;
  #closed = false;
  #jobs = 0;

  /** Use `createThreadPool` from `@makemore/tensor/node` or `createBrowserThreadPool` from `@makemore/tensor/browser`. */
  constructor(
    /** The shared memory tensors live in. */
    readonly memory: WebAssembly.Memory,
    /** The compiled shared-memory build of the kernels. */
    readonly module: WebAssembly.Module,
    /** The caller's instance of it. */
    readonly instance: WebAssembly.Instance,
    /** Byte offset of the control block (`CONTROL_SLOTS` Int32s); the arena starts after it. */
    readonly control: number,
    private readonly workers: readonly PoolWorker[],
  ) {}

  /** Matmuls shared out so far. */
  get jobs(): number {
    return this.#jobs;
  }

  /** Threads that share the work: the caller and the workers. */
  get threads(): number {
    return this.workers.length + 1;
  }

  /** Byte offset where the backend's arena may start, after the control block. */
  get arenaBase(): number {
    return this.control + CONTROL_SLOTS * 4;
  }

  /** Runs `job` on every thread, each on its rows, the caller's share through `rows`. */
  matmul(job: MatmulJob, rows: MatmulRows): void {
    if (this.#closed) throw new Error('ThreadPool: the pool was closed.');
    this.#jobs++;
    const ctl = new Int32Array(this.memory.buffer, this.control, CONTROL_SLOTS);
    const args = [
      job.a,
      job.b,
      job.c,
      job.scratch,
      job.scratchBytes,
      job.batch,
      job.aStride,
      job.bStride,
      job.M,
      job.K,
      job.N,
      job.transA ? 1 : 0,
      job.transB ? 1 : 0,
    ];
    // Offsets above 2 GiB wrap to negative Int32s; workers read them back with `>>> 0`.
    for (const [i, v] of args.entries()) Atomics.store(ctl, ARGS + i, v | 0);
    Atomics.store(ctl, DONE, 0);
    this.#seq = (this.#seq + 1) | 0;
    Atomics.store(ctl, SEQ, this.#seq);
    Atomics.notify(ctl, SEQ);
    const [r0, r1] = rowsOf(0, this.threads, job.M);
    if (r0 < r1) rows(job.scratch, r0, r1);
    const workers = this.workers.length;
    for (;;) {
      const done = Atomics.load(ctl, DONE);
      if (done >= workers) break;
      Atomics.wait(ctl, DONE, done);
    }
  }

  /** Stops the workers; the pool cannot be used after. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const ctl = new Int32Array(this.memory.buffer, this.control, CONTROL_SLOTS);
    Atomics.store(ctl, STOP, 1);
    Atomics.store(ctl, SEQ, (this.#seq + 1) | 0);
    Atomics.notify(ctl, SEQ);
    for (const w of this.workers) w.terminate();
  }
}

/** The shared build's bytes, for a platform's pool factory. */
export function sharedKernelBytes(): Uint8Array<ArrayBuffer> {
  const bin = atob(KERNELS_SHARED_WASM_BASE64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
