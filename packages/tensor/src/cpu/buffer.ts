import type { TensorInfo } from '../backend.js';
import { bytesPerElement, type DType, type TypedArray, viewTypedArray } from '../dtype.js';
import type { WasmArena } from './wasm/arena.js';

/**
 * The CPU backend's buffer: a typed array, either its own or a view of a block of the backend's
 * WebAssembly memory. Growing that memory detaches every view of it, so {@link CpuBuffer.values}
 * re-makes the view when the arena has grown since it was made.
 */
export class CpuBuffer {
  #values: TypedArray;
  /** Kept apart from the view, whose length reads 0 once growth detached it. */
  #length: number;
  #generation: number;
  #arena: WasmArena | null;

  constructor(
    values: TypedArray,
    /** Element type of `values`. */
    readonly dtype: DType,
    /** The arena the block belongs to, or null for a buffer of its own. */
    arena: WasmArena | null = null,
    /** Byte offset of the block in the arena's memory (0 without an arena). */
    readonly byteOffset = 0,
  ) {
    this.#values = values;
    this.#length = values.length;
    this.#arena = arena;
    this.#generation = arena?.generation ?? 0;
  }

  /** A buffer over `length` elements of a fresh arena block. */
  static inArena(arena: WasmArena, length: number, dtype: DType): CpuBuffer {
    const offset = arena.alloc(length * bytesPerElement(dtype));
    return new CpuBuffer(view(arena, offset, length, dtype), dtype, arena, offset);
  }

  /** The arena the block belongs to, or null. */
  get arena(): WasmArena | null {
    return this.#arena;
  }

  /** The elements; exactly as long as the tensor's element count (empty once released). */
  get values(): TypedArray {
    const arena = this.#arena;
    if (arena !== null && arena.generation !== this.#generation) {
      this.#values = view(arena, this.byteOffset, this.#length, this.dtype);
      this.#generation = arena.generation;
    }
    return this.#values;
  }

  /** Marks the buffer released: any further use sees no elements instead of memory now reused. */
  detach(): void {
    this.#values = EMPTY;
    this.#length = 0;
    this.#arena = null;
  }
}

function view(arena: WasmArena, offset: number, length: number, dtype: DType): TypedArray {
  return viewTypedArray(dtype, arena.memory.buffer, offset, length);
}

const EMPTY = new Float32Array(0);

/** The typed array behind a kernel operand (CPU backend only). */
export function vals(t: TensorInfo): TypedArray {
  return (t.dataId as CpuBuffer).values;
}
