import { CONTROL_SLOTS } from './pool.js';

/** What a platform's factory hands each pool worker (`index` 1 .. threads − 1; the caller is 0). */
export interface PoolWorkerData {
  /** The compiled shared-memory build of the kernels. */
  module: WebAssembly.Module;
  /** The memory it shares with the caller's instance. */
  memory: WebAssembly.Memory;
  /** Byte offset of the control block in `memory`. */
  control: number;
  /** This worker's share of every job's rows. */
  index: number;
  /** Threads in all, the caller included. */
  threads: number;
}

// The one program every pool worker runs, Node's and the browser's, kept as source text so that it
// runs the same from the built package and from the TypeScript sources under a test runner, and
// needs no file of its own to serve or bundle. Each platform wraps it in a prelude that binds the
// fields of PoolWorkerData and `ready()`. It instantiates the shared build over the shared memory,
// says it is ready, then waits for jobs (see ThreadPool.matmul for the control block) and computes
// its rows of each: rows index·chunk .. (index+1)·chunk, chunk a multiple of 4 (as rowsOf says).
const WORKER_LOOP = `
const instance = new WebAssembly.Instance(module, {
  env: { memory, abort: () => { throw new Error('wasm kernel aborted'); } },
});
const matmul = instance.exports.matmul;
const ctl = new Int32Array(memory.buffer, control, ${CONTROL_SLOTS});
let seen = Atomics.load(ctl, 0);
ready();
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
 * A pool worker's whole program: `prelude`, which must bind `module`, `memory`, `control`, `index`
 * and `threads` (see {@link PoolWorkerData}) and a `ready()` that tells the factory, then the loop.
 *
 * @param prelude - the platform's code that receives the worker's data
 * @param epilogue - code that closes what the prelude opened (a function body's brace)
 */
export function workerProgram(prelude: string, epilogue = ''): string {
  return `${prelude}\n${WORKER_LOOP}\n${epilogue}`;
}
