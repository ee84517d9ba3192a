import type { DType, TypedArray } from '@makemore/tensor';
import * as gpujs from 'gpu.js';
import {
  CPUKernel,
  GPU,
  HeadlessGLKernel,
  type IGPUKernelSettings,
  type IKernelRunShortcut,
  type Texture,
  WebAssemblyKernel,
  WebGL2Kernel,
  WebGLKernel,
} from 'gpu.js';
import { type GpuMode, isGlMode } from './modes.js';
import { WebGpuQueue, WebGpuValue } from './webgpu-queue.js';

/**
 * What a buffer holds: a host array (uploaded on first use by a GL or WebGPU kernel), a GL texture, or
 * a WebGPU storage buffer.
 */
export type DeviceValue = Float32Array | Texture | WebGpuValue;

/**
 * The gpu.js backend's buffer. Every dtype is stored as float32 on the device (int32 values are exact
 * up to 2^24); the dtype only decides what a readback returns.
 */
export class GpuBuffer {
  /** The data, or null before the first write. */
  value: DeviceValue | null = null;
  /**
   * A host copy of an int32 buffer written from the host (indices, targets), kept after upload so
   * that index checks need no readback; dropped when a kernel overwrites the buffer.
   */
  host: Float32Array | null = null;
  /** True once released. */
  released = false;
  constructor(
    /** Element count. */
    readonly size: number,
    /** Element type the tensor core sees. */
    readonly dtype: DType,
  ) {}
}

/** One kernel launch: a generated source, its output size, its longest loop and its operands. */
export interface Launch {
  /** Op name, for errors. */
  readonly op: string;
  /** gpu.js kernel source (`function(a, b) { ... }`); with `size`, the cache key. */
  readonly source: string;
  /** Output elements (threads). */
  readonly size: number;
  /** The longest loop the kernel runs (0 for none). */
  readonly loop: number;
  /** Operands in the order of the source's parameters: buffers, device values or numbers (uniforms). */
  readonly args: readonly (GpuBuffer | DeviceValue | number)[];
}

/** Limits the backend checks before it launches a kernel. */
export interface GpuLimits {
  /** Most elements in one tensor (float32 index arithmetic is exact below this). */
  readonly maxElements: number;
  /** Most iterations of any loop in a kernel (gpu.js's `loopMaxIterations`). */
  readonly maxLoopIterations: number;
  /** Largest texture side on GL modes (null elsewhere). */
  readonly maxTextureSize: number | null;
  /**
   * Most tensors one kernel may read. WebGPU's default device allows 8 storage buffers per shader
   * stage and the output takes one; the GL modes are held to 9 textures (WebGL guarantees 16).
   */
  readonly maxKernelInputs: number;
}

/** Counters for tests and benchmarks. */
export interface GpuStats {
  /** Kernels compiled (cache misses). */
  kernelsCompiled: number;
  /** Kernel launches. */
  launches: number;
  /** Device values (textures or arrays) created. */
  valuesCreated: number;
  /** Device values alive now: GL textures, or WebGPU storage buffers. */
  liveTextures: number;
  /** Readbacks from the device. */
  readbacks: number;
}

/** The gpu.js kernel class each mode must end up on (the GL classes all report mode 'gpu'). */
const KERNEL_CLASS: Record<GpuMode, unknown> = {
  headlessgl: HeadlessGLKernel,
  webgl2: WebGL2Kernel,
  webgl: WebGLKernel,
  webasm: WebAssemblyKernel,
  cpu: CPUKernel,
  webgpu: (gpujs as unknown as { WebGPUKernel: unknown }).WebGPUKernel,
};

function isTexture(v: unknown): v is Texture {
  return (
    typeof v === 'object' &&
    v !== null &&
    !ArrayBuffer.isView(v) &&
    typeof (v as Texture).toArray === 'function'
  );
}

/** True for a value that lives on the device (a GL texture or a WebGPU buffer), not in a host array. */
function onDevice(v: DeviceValue | null): v is Texture | WebGpuValue {
  return v instanceof WebGpuValue || isTexture(v);
}

/**
 * Owns the gpu.js instance, the kernel cache and the device values: launches kernels, uploads host
 * data for GL kernels, reads results back and frees textures.
 */
export class Runtime {
  readonly gpu: GPU;
  readonly gl: boolean;
  /** True when results stay on the device between kernels (GL textures or WebGPU buffers). */
  readonly resident: boolean;
  /** The launch order of the webgpu mode, whose kernels compile asynchronously; null elsewhere. */
  readonly queue: WebGpuQueue | null;
  readonly limits: GpuLimits;
  readonly stats: GpuStats = {
    kernelsCompiled: 0,
    launches: 0,
    valuesCreated: 0,
    liveTextures: 0,
    readbacks: 0,
  };
  /** Compiled kernels by source and shape, with the op each was compiled for. */
  private readonly cache = new Map<string, { readonly kernel: IKernelRunShortcut; readonly op: string }>();

  constructor(
    readonly mode: GpuMode,
    limits: Partial<Pick<GpuLimits, 'maxElements' | 'maxLoopIterations'>>,
  ) {
    this.gpu = new GPU({ mode });
    this.gl = isGlMode(mode);
    this.queue = mode === 'webgpu' ? new WebGpuQueue() : null;
    this.resident = this.gl || this.queue !== null;
    let maxTextureSize: number | null = null;
    if (this.gl) {
      const features = (this.gpu as unknown as { Kernel?: { features?: { maxTextureSize?: number } } }).Kernel
        ?.features;
      maxTextureSize = features?.maxTextureSize ?? null;
    }
    this.limits = {
      maxElements: limits.maxElements ?? 1 << 22,
      maxLoopIterations: limits.maxLoopIterations ?? 1 << 14,
      maxTextureSize,
      maxKernelInputs: this.queue !== null ? 7 : 9,
    };
  }

  /** Number of compiled kernels in the cache. */
  get cacheSize(): number {
    return this.cache.size;
  }

  /** Throws a clear error when a tensor of `size` elements is beyond what this backend can address. */
  checkSize(op: string, size: number): void {
    const { maxElements, maxTextureSize } = this.limits;
    if (size > maxElements) {
      throw new Error(
        `${op}: a tensor of ${size} elements exceeds the gpu.js backend's limit of ${maxElements} ` +
          '(float32 index arithmetic); use the CPU backend for it.',
      );
    }
    if (maxTextureSize !== null && Math.ceil(Math.sqrt(size)) > maxTextureSize) {
      throw new Error(
        `${op}: a tensor of ${size} elements needs a texture wider than this GL context's limit of ` +
          `${maxTextureSize}; use the CPU backend for it.`,
      );
    }
  }

  /** Throws a clear error when a loop would run past gpu.js's loop limit (which would truncate it silently). */
  checkLoop(op: string, iterations: number): void {
    if (iterations > this.limits.maxLoopIterations) {
      throw new Error(
        `${op}: a kernel loop of ${iterations} iterations exceeds the gpu.js backend's limit of ` +
          `${this.limits.maxLoopIterations} (loopMaxIterations); use the CPU backend or raise maxLoopIterations.`,
      );
    }
  }

  /**
   * Ops whose kernels gpu.js ran on another mode than asked (a fallback such as webasm to cpu, or a
   * switch), with the reason gpu.js gave. Read from the cached kernels when asked, since a WebGPU
   * kernel compiles, and may fall back, after its launch.
   */
  degradedOps(): ReadonlyMap<string, string> {
    const degraded = new Map<string, string>();
    for (const { kernel, op } of this.cache.values()) {
      const inner = kernel.kernel as unknown as { fallbackReason?: string | null; constructor: unknown };
      if (inner.fallbackReason || inner.constructor !== KERNEL_CLASS[this.mode]) {
        degraded.set(op, inner.fallbackReason ?? `ran on ${(inner.constructor as { name?: string }).name}`);
      }
    }
    return degraded;
  }

  private kernel(l: Launch): IKernelRunShortcut {
    const key = `${l.size}|${l.loop}|${l.source}`;
    let k = this.cache.get(key)?.kernel;
    if (!k) {
      // loopMaxIterations is a documented kernel setting that gpu.js's typings leave out.
      const settings = {
        output: [l.size],
        precision: 'single',
        tactic: 'precision',
        pipeline: this.resident,
        immutable: true,
        loopMaxIterations: Math.max(1, l.loop),
      } as IGPUKernelSettings;
      k = this.gpu.createKernel(l.source, settings);
      this.cache.set(key, { kernel: k, op: l.op });
      this.stats.kernelsCompiled++;
    }
    return k;
  }

  /** The value a kernel reads for a buffer: host data is uploaded once on GL and WebGPU modes. */
  deviceValue(b: GpuBuffer): DeviceValue {
    if (b.released) throw new Error('gpu.js backend: a released buffer was used.');
    if (b.value === null) b.value = new Float32Array(b.size);
    if (this.resident && !onDevice(b.value)) {
      if (b.dtype === 'int32') b.host = b.value;
      const upload = this.launch({
        op: 'upload',
        source: 'function(a) { return a[this.thread.x]; }',
        size: b.size,
        loop: 0,
        args: [b.value],
      });
      b.value = upload;
    }
    return b.value;
  }

  /** Runs a kernel and returns its new output value (the caller owns it). */
  launch(l: Launch): DeviceValue {
    this.checkSize(l.op, l.size);
    this.checkLoop(l.op, l.loop);
    const inputs = l.args.filter((a) => typeof a !== 'number').length;
    if (inputs > this.limits.maxKernelInputs) {
      throw new Error(
        `${l.op}: a kernel reading ${inputs} tensors exceeds the gpu.js ${this.mode} backend's limit of ` +
          `${this.limits.maxKernelInputs} per kernel.`,
      );
    }
    if (l.size === 0) return new Float32Array(0);
    const args = l.args.map((a) => (a instanceof GpuBuffer ? this.deviceValue(a) : a));
    const k = this.kernel(l);
    if (this.queue) {
      const out = new WebGpuValue();
      this.queue.launch(k, args as (WebGpuValue | Float32Array | number)[], out);
      this.stats.launches++;
      this.stats.valuesCreated++;
      this.stats.liveTextures++;
      return out;
    }
    // biome-ignore lint/suspicious/noExplicitAny: gpu.js types its arguments loosely
    const result = (k as unknown as (...a: any[]) => unknown)(...args);
    this.stats.launches++;
    this.stats.valuesCreated++;
    if (isTexture(result)) {
      this.stats.liveTextures++;
      return result;
    }
    if (result instanceof Float32Array) return result;
    if (Array.isArray(result)) return Float32Array.from(result as number[]);
    throw new Error(`${l.op}: gpu.js returned an unexpected result (${typeof result}).`);
  }

  /** Frees a value the runtime handed out (a texture or WebGPU buffer is deleted; an array is left to the GC). */
  free(v: DeviceValue | null): void {
    if (v instanceof WebGpuValue) {
      this.queue!.free(v);
      this.stats.liveTextures--;
    } else if (v !== null && isTexture(v)) {
      v.delete();
      this.stats.liveTextures--;
    }
  }

  /** Stores a kernel's result in `out`, freeing what `out` held before. */
  assign(out: GpuBuffer, v: DeviceValue): void {
    const old = out.value;
    out.value = v;
    out.host = null;
    if (old !== v) this.free(old);
  }

  /** True when {@link Runtime.readFloats} can answer: everywhere but a WebGPU buffer without a host copy. */
  canReadSync(b: GpuBuffer): boolean {
    return !(b.value instanceof WebGpuValue) || b.host !== null;
  }

  /** Copies a buffer out as float32 (a device readback for textures); WebGPU buffers need {@link Runtime.readFloatsAsync}. */
  readFloats(b: GpuBuffer): Float32Array {
    if (b.released) throw new Error('gpu.js backend: a released buffer was read.');
    const v = b.value;
    if (v === null) return new Float32Array(b.size);
    if (b.host !== null) return b.host.slice();
    if (v instanceof WebGpuValue) {
      throw new Error(
        'gpu.js webgpu: WebGPU has no synchronous readback; read this tensor with await t.data() ' +
          '(indices for gather and cross-entropy must be written from the host).',
      );
    }
    if (!isTexture(v)) return v.slice();
    this.stats.readbacks++;
    return fitted(v.toArray() as ArrayLike<number>, b.size);
  }

  /** Copies a buffer out as float32, waiting for the WebGPU queue where there is one. */
  async readFloatsAsync(b: GpuBuffer): Promise<Float32Array> {
    if (this.canReadSync(b)) return this.readFloats(b);
    const v = b.value as WebGpuValue;
    await this.queue!.idle();
    if (b.released || v.handle === null) throw new Error('gpu.js backend: a released buffer was read.');
    this.stats.readbacks++;
    return fitted(await v.handle.toArray(), b.size);
  }

  /** Copies a buffer out in its dtype. */
  read(b: GpuBuffer): TypedArray {
    return inDType(this.readFloats(b), b);
  }

  /** Copies a buffer out in its dtype, waiting for the device where it must. */
  async readAsync(b: GpuBuffer): Promise<TypedArray> {
    return inDType(await this.readFloatsAsync(b), b);
  }

  /** Deletes every cached kernel and the gpu.js instance. */
  destroy(): void {
    this.cache.clear();
    this.gpu.destroy();
  }
}

/** A readback as exactly `size` floats (GL textures may hold padding past the end). */
function fitted(out: ArrayLike<number>, size: number): Float32Array {
  if (out instanceof Float32Array) return out.length === size ? out : out.slice(0, size);
  return Float32Array.from(out ?? []);
}

/** Float32 values as the buffer's dtype: int32 buffers are rounded back to integers. */
function inDType(f: Float32Array, b: GpuBuffer): TypedArray {
  if (b.dtype !== 'int32') return f;
  const o = new Int32Array(f.length);
  for (let i = 0; i < f.length; i++) o[i] = Math.round(f[i]!);
  return o;
}
