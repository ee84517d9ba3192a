import type { Backend, BackendMemory, DataId } from '../backend.js';
import { CpuBackend } from '../cpu/backend.js';
import type { DType, TypedArray } from '../dtype.js';

/**
 * The CPU backend with WebGPU's readback rule: `read` (`await t.data()`) works, `readSync` answers
 * `undefined`, so `dataSync()`, `item()` and `tolist()` throw. Code meant to run on gpu.js's webgpu
 * mode can be tested on it anywhere, without a browser.
 *
 * @example
 * ```ts
 * const device = new AsyncReadbackBackend();
 * const t = tensor([1, 2], { device });
 * await t.data(); // Float32Array [1, 2]
 * t.tryDataSync(); // undefined (and t.dataSync() throws): like WebGPU, it reads back only with await
 * ```
 */
export class AsyncReadbackBackend implements Backend {
  /** `'async-readback'`. */
  readonly name = 'async-readback';
  readonly #cpu = new CpuBackend();
  /** The CPU backend's kernels. */
  readonly kernels = this.#cpu.kernels;

  /** Allocates on the CPU backend. */
  alloc(size: number, dtype: DType): DataId {
    return this.#cpu.alloc(size, dtype);
  }

  /** Writes on the CPU backend. */
  write(id: DataId, values: ArrayLike<number>): void {
    this.#cpu.write(id, values);
  }

  /** Reads back asynchronously, the one readback this backend allows. */
  read(id: DataId): Promise<TypedArray> {
    return this.#cpu.read(id);
  }

  /** Always `undefined`: this backend, like WebGPU, reads back only asynchronously. */
  readSync(_id: DataId): TypedArray | undefined {
    return undefined;
  }

  /** Releases on the CPU backend. */
  release(id: DataId): void {
    this.#cpu.release(id);
  }

  /** The CPU backend's memory figures. */
  memory(): BackendMemory {
    return this.#cpu.memory();
  }
}
