import { KERNELS_WASM_BASE64 } from './kernels-wasm.js';

interface KernelExports {
  memory: WebAssembly.Memory;
  heapBase(): number;
  matmul(
    a: number,
    b: number,
    c: number,
    scratch: number,
    M: number,
    K: number,
    N: number,
    tA: number,
    tB: number,
  ): void;
  tanh(x: number, y: number, n: number): void;
  gelu(x: number, y: number, n: number): void;
  geluGrad(dy: number, x: number, out: number, n: number): void;
}

function decodeBase64(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** An operand as the JS side stores it: a float32 array, an element offset and its storage order. */
export interface MatOperand {
  /** Backing array. */
  data: Float32Array;
  /** Element offset of this (batch) matrix. */
  offset: number;
  /** Stored transposed (`[cols, rows]`). */
  trans: boolean;
}

/**
 * The WebAssembly SIMD kernels (see assembly/kernels.ts): operands are copied into linear memory,
 * the kernel runs, and the result is copied out. `create()` returns null where WebAssembly SIMD
 * is unavailable, and the backend then uses its JavaScript loops.
 */
export class SimdKernels {
  private f32: Float32Array;

  private constructor(private readonly wasm: KernelExports) {
    this.f32 = new Float32Array(wasm.memory.buffer);
  }

  /** Instantiates the embedded module, or returns null without WebAssembly SIMD. */
  static create(): SimdKernels | null {
    try {
      if (typeof WebAssembly !== 'object') return null;
      const bytes = decodeBase64(KERNELS_WASM_BASE64);
      if (!WebAssembly.validate(bytes)) return null;
      const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
        env: {
          abort: () => {
            throw new Error('wasm kernel aborted');
          },
        },
      });
      return new SimdKernels(instance.exports as unknown as KernelExports);
    } catch {
      return null;
    }
  }

  /** Makes linear memory hold at least `floats` float32s above the heap base; returns that base (in floats). */
  private reserve(floats: number): number {
    const base = Math.ceil(this.wasm.heapBase() / 16) * 4; // 16-byte aligned, in floats
    const needed = (base + floats) * 4;
    const mem = this.wasm.memory;
    if (needed > mem.buffer.byteLength) {
      mem.grow(Math.ceil((needed - mem.buffer.byteLength) / 65536));
    }
    // grow() detaches the old buffer: views must be re-created.
    if (this.f32.buffer !== mem.buffer) this.f32 = new Float32Array(mem.buffer);
    return base;
  }

  /**
   * `C = op(A) @ op(B)` for one matrix: A is `[M, K]` (stored `[K, M]` when transposed), B is
   * `[K, N]` (stored `[N, K]` when transposed); C is written row-major at `cOffset`. The operands
   * are copied in with `set` (a memcpy); packing and transposes happen inside the wasm kernel.
   */
  matmul(
    A: MatOperand,
    B: MatOperand,
    C: Float32Array,
    cOffset: number,
    M: number,
    K: number,
    N: number,
  ): void {
    const aSize = align4(M * K);
    const bSize = align4(K * N);
    const cSize = align4(M * N);
    const base = this.reserve(aSize + bSize + cSize + K * align8(N) + 8);
    const mem = this.f32;
    const aBase = base;
    const bBase = aBase + aSize;
    const cBase = bBase + bSize;
    const scratch = cBase + cSize;
    mem.set(A.data.subarray(A.offset, A.offset + M * K), aBase);
    mem.set(B.data.subarray(B.offset, B.offset + K * N), bBase);
    this.wasm.matmul(aBase * 4, bBase * 4, cBase * 4, scratch * 4, M, K, N, A.trans ? 1 : 0, B.trans ? 1 : 0);
    C.set(mem.subarray(cBase, cBase + M * N), cOffset);
  }

  /** `out = tanh(x)` (float32, a few ulp from the exact value). `out` may alias `x`. */
  tanh(x: Float32Array, out: Float32Array): void {
    this.map(x, out, this.wasm.tanh);
  }

  /** `out = gelu(x)`, the tanh approximation (float32, a few ulp). `out` may alias `x`. */
  gelu(x: Float32Array, out: Float32Array): void {
    this.map(x, out, this.wasm.gelu);
  }

  /** `out = dy · gelu'(x)`, the gradient of {@link SimdKernels.gelu}. `out` may alias either input. */
  geluGrad(dy: Float32Array, x: Float32Array, out: Float32Array): void {
    const n = x.length;
    const size = align4(n);
    const base = this.reserve(2 * size);
    this.f32.set(dy, base);
    this.f32.set(x, base + size);
    this.wasm.geluGrad(base * 4, (base + size) * 4, base * 4, n);
    out.set(this.f32.subarray(base, base + n));
  }

  /** Runs an in-place elementwise kernel over a copy of `x` in linear memory. */
  private map(x: Float32Array, out: Float32Array, kernel: (x: number, y: number, n: number) => void): void {
    const n = x.length;
    const base = this.reserve(align4(n));
    this.f32.set(x, base);
    kernel(base * 4, base * 4, n);
    out.set(this.f32.subarray(base, base + n));
  }
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

function align8(n: number): number {
  return (n + 7) & ~7;
}
