import type { Backend, BackendMemory, DataId, DType, Kernels, TypedArray } from '@makemore/tensor';
import { gpuKernels } from './kernels/index.js';
import { type GpuMode, probeMode } from './modes.js';
import { GpuBuffer, type GpuLimits, type GpuStats, Runtime } from './runtime.js';

/** What {@link GpuBackend.stats} reports. */
export interface GpuBackendStats extends Readonly<GpuStats> {
  /** Compiled kernels held in the cache. */
  readonly cachedKernels: number;
}

/** Options for {@link GpuBackend}. */
export interface GpuBackendOptions {
  /** The gpu.js mode to run (see {@link GpuMode}); it must be available here. */
  mode: GpuMode;
  /**
   * Most iterations of any loop in a kernel (default 16384). gpu.js silently truncates loops longer
   * than its `loopMaxIterations`; this backend instead throws before launching such a kernel.
   * Reductions longer than this run in stages, so only matmul's inner dimension and the
   * scatter-add gradients are bounded by it.
   */
  maxLoopIterations?: number | undefined;
  /** Most elements in one tensor (default 2^22 = 4,194,304, where float32 index arithmetic stays exact). */
  maxElements?: number | undefined;
}

/**
 * A `Backend` (of `@makemore/tensor`) whose kernels are gpu.js kernels generated per op and shape, compiled once and
 * cached, computing in float32 (`precision: 'single'`).
 *
 * On the GL modes results stay in textures between ops (`pipeline: true`) and are read back only by
 * `read`/`readSync` (`await t.data()`, `t.item()`, `t.dataSync()`); each buffer owns its texture and
 * releasing the buffer (`dispose()`, the end of a `tidy` scope) deletes it. On `webasm` and `cpu`
 * results are typed arrays. int32 tensors are stored as float32 (exact up to 2^24); float64 tensors
 * are refused.
 *
 * @example
 * ```ts
 * const gpu = new GpuBackend({ mode: 'webasm' });
 * const x = tensor([[1, 2], [3, 4]], { device: gpu });
 * x.matmul(x).tolist(); // [[7, 10], [15, 22]]
 * ```
 */
export class GpuBackend implements Backend {
  /** `'gpu.js'`; the mode is in {@link GpuBackend.mode}. */
  readonly name = 'gpu.js';
  /** The gpu.js mode the kernels run in. */
  readonly mode: GpuMode;
  /** The kernels. */
  readonly kernels: Kernels;
  private readonly rt: Runtime;
  private numBuffers = 0;
  private numBytes = 0;
  private numAllocations = 0;

  /** Creates a backend on `options.mode`; throws when that mode is not available here. */
  constructor(options: GpuBackendOptions) {
    const probe = probeMode(options.mode);
    if (!probe.available) throw new Error(`gpu.js mode '${options.mode}' is not available: ${probe.detail}.`);
    this.mode = options.mode;
    const limits: { maxLoopIterations?: number; maxElements?: number } = {};
    if (options.maxLoopIterations !== undefined) limits.maxLoopIterations = options.maxLoopIterations;
    if (options.maxElements !== undefined) limits.maxElements = options.maxElements;
    this.rt = new Runtime(options.mode, limits);
    this.kernels = gpuKernels(this.rt);
  }

  /** The limits checked before each launch. */
  get limits(): GpuLimits {
    return this.rt.limits;
  }

  /** Kernels compiled, launches, device values created, live textures and readbacks so far. */
  stats(): GpuBackendStats {
    return { ...this.rt.stats, cachedKernels: this.rt.cacheSize };
  }

  /** Ops whose kernels gpu.js ran on a lesser mode than asked (e.g. webasm degrading to cpu), with why. */
  degradedOps(): ReadonlyMap<string, string> {
    return this.rt.degradedOps();
  }

  alloc(size: number, dtype: DType): DataId {
    if (dtype === 'float64') {
      throw new Error(
        'The gpu.js backend computes in float32: keep float64 tensors (gradient checks) on the CPU backend.',
      );
    }
    this.rt.checkSize('alloc', size);
    this.numBuffers++;
    this.numBytes += size * 4;
    this.numAllocations++;
    return new GpuBuffer(size, dtype);
  }

  write(id: DataId, values: ArrayLike<number>): void {
    const b = id as GpuBuffer;
    if (values.length !== b.size)
      throw new Error(`write: got ${values.length} values for a buffer of ${b.size}.`);
    // Converting through the dtype's array first truncates floats written into an int32 buffer.
    const typed = b.dtype === 'int32' ? Int32Array.from(values) : values;
    this.rt.assign(b, Float32Array.from(typed));
  }

  read(id: DataId): Promise<TypedArray> {
    return this.rt.readAsync(id as GpuBuffer);
  }

  /** Reads synchronously, or answers `undefined` for a WebGPU buffer (WebGPU reads back only asynchronously). */
  readSync(id: DataId): TypedArray | undefined {
    const b = id as GpuBuffer;
    return this.rt.canReadSync(b) ? this.rt.read(b) : undefined;
  }

  release(id: DataId): void {
    const b = id as GpuBuffer;
    if (b.released) return;
    this.rt.free(b.value);
    b.value = null;
    b.host = null;
    b.released = true;
    this.numBuffers--;
    this.numBytes -= b.size * 4;
  }

  /**
   * Resolves once every kernel launched so far has been handed to the device. Only the webgpu mode
   * queues launches (while their kernels compile); elsewhere this resolves at once. Rejects with
   * the error of a kernel that failed.
   */
  flush(): Promise<void> {
    return this.rt.queue?.idle() ?? Promise.resolve();
  }

  memory(): BackendMemory {
    return {
      numBuffers: this.numBuffers,
      numBytes: this.numBytes,
      numAllocations: this.numAllocations,
      numPooled: 0,
    };
  }

  /** Frees the compiled kernels and the gpu.js instance; the backend must not be used afterwards. */
  destroy(): void {
    this.rt.destroy();
  }
}
