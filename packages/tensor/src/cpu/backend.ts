import type { Backend, BackendMemory, DataId, Kernels, TensorInfo } from '../backend.js';
import { bytesPerElement, type DType, makeTypedArray, type TypedArray } from '../dtype.js';
import { causalAttentionGradKernel, causalAttentionKernel } from './attention.js';
import { CpuBuffer, vals } from './buffer.js';
import { adamwKernel, axpyKernel, binaryKernel, unaryKernel, whereKernel } from './elementwise.js';
import { gatherGradKernel, gatherKernel, oneHotKernel, takeGradKernel, takeKernel } from './gather.js';
import { broadcastToKernel, concatKernel, permuteKernel, sliceGradKernel, sliceKernel } from './layout.js';
import { crossEntropyGradKernel, crossEntropyKernel } from './loss.js';
import { lstmKernels } from './lstm.js';
import { matmulKernel } from './matmul.js';
import { batchNormGradKernel, batchNormKernel, layerNormGradKernel, layerNormKernel } from './norm.js';
import { argmaxKernel, reduceKernel } from './reduce.js';
import type { ThreadPool } from './threads/pool.js';
import type { WasmArena } from './wasm/arena.js';
import { SimdKernels } from './wasm/simd.js';

function cpuKernels(simd: SimdKernels | null): Kernels {
  return {
    unary: (x, out, f) => unaryKernel(x, out, f, simd),
    binary: (a, b, out, f) => binaryKernel(a, b, out, f, simd),
    axpy: (a, b, alpha, out) => axpyKernel(a, b, alpha, out, simd),
    adamw: (p, g, m, v, scalars) => adamwKernel(p, g, m, v, scalars, simd),
    fill(out: TensorInfo, value: number) {
      vals(out).fill(value);
    },
    cast(x: TensorInfo, out: TensorInfo) {
      const xv = vals(x);
      const o = vals(out);
      if (out.dtype === 'int32' && x.dtype !== 'int32') {
        for (let i = 0; i < o.length; i++) o[i] = Math.trunc(xv[i]!);
      } else o.set(xv);
    },
    matmul: (a, b, out, transA, transB) => matmulKernel(a, b, out, transA, transB, simd),
    reduce: (x, out, op, axes) => reduceKernel(x, out, op, axes, simd),
    argmax: argmaxKernel,
    permute: permuteKernel,
    broadcastTo: broadcastToKernel,
    slice: sliceKernel,
    sliceGrad: sliceGradKernel,
    concat: concatKernel,
    take: takeKernel,
    takeGrad: takeGradKernel,
    gather: gatherKernel,
    gatherGrad: gatherGradKernel,
    where: whereKernel,
    oneHot: oneHotKernel,
    crossEntropy: (logits, targets, probs, loss, ignoreIndex, reduction) =>
      crossEntropyKernel(logits, targets, probs, loss, ignoreIndex, reduction, simd),
    crossEntropyGrad: (probs, targets, dy, out, ignoreIndex, reduction) =>
      crossEntropyGradKernel(probs, targets, dy, out, ignoreIndex, reduction, simd),
    layerNorm: (x, out, rstd, eps) => layerNormKernel(x, out, rstd, eps, simd),
    layerNormGrad: (xhat, rstd, dy, out) => layerNormGradKernel(xhat, rstd, dy, out, simd),
    batchNorm: (x, out, rstd, eps, running) => batchNormKernel(x, out, rstd, eps, running, simd),
    batchNormGrad: (xhat, rstd, dy, out) => batchNormGradKernel(xhat, rstd, dy, out, simd),
    causalAttention: (qkv, out, probs, nHead) => causalAttentionKernel(qkv, out, probs, nHead, simd),
    causalAttentionGrad: (qkv, probs, dy, out, nHead) =>
      causalAttentionGradKernel(qkv, probs, dy, out, nHead, simd),
    lstm: lstmKernels(simd),
  };
}

/** Options for {@link CpuBackend}. */
export interface CpuBackendOptions {
  /**
   * Most bytes of released buffers kept for reuse when tensors are plain typed arrays (default
   * 256 MiB). Tensors in WebAssembly memory always keep their released blocks for reuse, as that
   * memory cannot shrink.
   */
  maxPoolBytes?: number | undefined;
  /**
   * Keep tensors in WebAssembly memory and run the hot float32 kernels there with SIMD, where the
   * runtime supports it (default true). With false, or without SIMD support, tensors are plain typed
   * arrays and every kernel is a JavaScript loop.
   */
  simd?: boolean | undefined;
  /**
   * Use the relaxed-SIMD build of the kernels where the runtime accepts it (default true): its matmul
   * uses fused multiply-adds, faster and rounded once instead of twice, so results differ from the
   * plain build in the last bits.
   */
  relaxedSimd?: boolean | undefined;
  /**
   * A thread pool (`createThreadPool` from `@makemore/tensor/node`) whose workers share large
   * matmuls by rows; tensors then live in its shared memory. Results equal one thread's.
   */
  threads?: ThreadPool | undefined;
}

/**
 * The reference backend, with synchronous readback. Where WebAssembly SIMD is available, tensors live
 * in one WebAssembly memory (a `WasmArena`) and the hot float32 kernels (matmul, elementwise
 * arithmetic, activations and their gradients, AdamW) run there on them in place; everything else is
 * a JavaScript loop over views of the same memory. Released buffers are reused (arena blocks by size
 * class, typed arrays by dtype and length), so a training loop stops allocating after its first steps.
 */
export class CpuBackend implements Backend {
  /** Always `'cpu'`. */
  readonly name = 'cpu';
  /** The CPU kernels. */
  readonly kernels: Kernels;
  /** Whether the WebAssembly SIMD kernels are in use. */
  readonly simd: boolean;
  /** Whether they are the relaxed-SIMD build, whose matmul uses fused multiply-adds. */
  readonly relaxedSimd: boolean;
  /** Threads that share large matmuls: 1, or the pool's size. */
  readonly threads: number;
  private readonly pool: Record<DType, Map<number, TypedArray[]>> = {
    float32: new Map(),
    int32: new Map(),
    float64: new Map(),
  };
  private readonly maxPoolBytes: number;
  /** Where tensors live when the wasm kernels are in use (they then read them in place). */
  private readonly arena: WasmArena | null;
  private pooledBytes = 0;
  private numPooled = 0;
  private numBuffers = 0;
  private numBytes = 0;
  private numAllocations = 0;

  /** Creates a CPU backend with its own buffer pool. */
  constructor(options: CpuBackendOptions = {}) {
    this.maxPoolBytes = options.maxPoolBytes ?? 256 * 1024 * 1024;
    if (options.threads && options.simd === false) {
      throw new Error('CpuBackend: threads need the wasm kernels; leave simd on.');
    }
    const simd = options.threads
      ? SimdKernels.fromPool(options.threads)
      : options.simd === false
        ? null
        : SimdKernels.create(options.relaxedSimd !== false);
    this.threads = options.threads?.threads ?? 1;
    this.simd = simd !== null;
    this.relaxedSimd = simd?.relaxed ?? false;
    this.arena = simd?.arena ?? null;
    this.kernels = cpuKernels(simd);
  }

  alloc(size: number, dtype: DType): DataId {
    this.numBuffers++;
    this.numBytes += size * bytesPerElement(dtype);
    if (this.arena) return CpuBuffer.inArena(this.arena, size, dtype);
    const list = this.pool[dtype].get(size);
    let values = list?.pop();
    if (values) {
      this.numPooled--;
      this.pooledBytes -= size * bytesPerElement(dtype);
    } else {
      values = makeTypedArray(dtype, size);
      this.numAllocations++;
    }
    return new CpuBuffer(values, dtype);
  }

  write(id: DataId, values: ArrayLike<number>): void {
    const buf = id as CpuBuffer;
    if (values.length !== buf.values.length) {
      throw new Error(`write: got ${values.length} values for a buffer of ${buf.values.length}.`);
    }
    buf.values.set(values);
  }

  read(id: DataId): Promise<TypedArray> {
    return Promise.resolve((id as CpuBuffer).values.slice());
  }

  readSync(id: DataId): TypedArray {
    return (id as CpuBuffer).values.slice();
  }

  release(id: DataId): void {
    const buf = id as CpuBuffer;
    const values = buf.values;
    const bytes = values.length * bytesPerElement(buf.dtype);
    this.numBuffers--;
    this.numBytes -= bytes;
    if (buf.arena) buf.arena.release(buf.byteOffset, bytes);
    else if (this.pooledBytes + bytes <= this.maxPoolBytes) {
      const bySize = this.pool[buf.dtype];
      let list = bySize.get(values.length);
      if (!list) {
        list = [];
        bySize.set(values.length, list);
      }
      list.push(values);
      this.numPooled++;
      this.pooledBytes += bytes;
    }
    // Make any further use of a released buffer obvious instead of silently sharing pooled memory.
    buf.detach();
  }

  memory(): BackendMemory {
    const arena = this.arena;
    return {
      numBuffers: this.numBuffers,
      numBytes: this.numBytes,
      numAllocations: arena ? arena.numCarved : this.numAllocations,
      numPooled: arena ? arena.numFree : this.numPooled,
    };
  }
}
