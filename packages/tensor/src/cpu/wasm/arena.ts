/**
 * Blocks of one WebAssembly memory handed out by byte offset, so that tensors live where the wasm
 * kernels read them and a kernel call copies nothing. Freed blocks go to a free list per size class
 * (eight classes per power of two, so a block wastes at most an eighth of itself) and are reused by
 * the next request of that class; the memory grows when no freed block fits and never shrinks, as
 * a WebAssembly memory cannot.
 *
 * `memory.grow` detaches every typed-array view of the old buffer: whoever holds a view compares
 * {@link WasmArena.generation} with the one its view was made in and re-makes it (see `CpuBuffer`).
 * Byte offsets stay valid across growth.
 */
export class WasmArena {
  /** Bumped by every growth of the memory; views made in an older generation are detached. */
  generation = 0;
  /** Blocks ever carved from fresh memory (flat in steady state when reuse works). */
  numCarved = 0;
  /** Freed blocks waiting for reuse. */
  numFree = 0;
  private top: number;
  private readonly free = new Map<number, number[]>();

  /** Takes over `memory` from byte `base` (the module's heap base) upwards. */
  constructor(
    /** The module's memory. */
    readonly memory: WebAssembly.Memory,
    base: number,
  ) {
    this.top = align16(base);
  }

  /**
   * The size class of a request of `bytes`: at least 64, rounded up to an eighth of its power of two
   * (and to 16 bytes, so that every block starts 16-byte aligned).
   */
  static sizeClass(bytes: number): number {
    if (bytes <= 64) return 64;
    // 2^(floor(log2(bytes − 1)) − 3), with clz32 rather than Math.log2: this runs on every allocation.
    const step = Math.max(16, 2 ** (28 - Math.clz32(bytes - 1)));
    return Math.ceil(bytes / step) * step;
  }

  /** A 16-byte aligned block of at least `bytes`; returns its byte offset. */
  alloc(bytes: number): number {
    const size = WasmArena.sizeClass(bytes);
    const list = this.free.get(size);
    const reused = list?.pop();
    if (reused !== undefined) {
      this.numFree--;
      return reused;
    }
    const offset = this.top;
    this.ensure(offset + size);
    this.top = offset + size;
    this.numCarved++;
    return offset;
  }

  /** Gives back the block at `offset` that was allocated for `bytes`. */
  release(offset: number, bytes: number): void {
    const size = WasmArena.sizeClass(bytes);
    let list = this.free.get(size);
    if (!list) {
      list = [];
      this.free.set(size, list);
    }
    list.push(offset);
    this.numFree++;
  }

  /** Grows the memory (by at least half its size, to keep growths rare) until `end` bytes fit. */
  private ensure(end: number): void {
    const have = this.memory.buffer.byteLength;
    if (end <= have) return;
    const pages = Math.ceil(Math.max(end - have, have / 2) / 65536);
    try {
      this.memory.grow(pages);
    } catch {
      throw new RangeError(
        `The CPU backend's WebAssembly memory cannot grow to ${(end / 2 ** 20).toFixed(0)} MiB; free tensors with dispose() or tidy(), or use smaller batches.`,
      );
    }
    this.generation++;
  }
}

function align16(n: number): number {
  return (n + 15) & ~15;
}
