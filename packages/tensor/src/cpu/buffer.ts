import type { TensorInfo } from '../backend.js';
import type { DType, TypedArray } from '../dtype.js';

/** The CPU backend's buffer: a typed array from the pool. */
export class CpuBuffer {
  constructor(
    /** Backing store; exactly as long as the tensor's element count. */
    public values: TypedArray,
    /** Element type of `values`. */
    public readonly dtype: DType,
  ) {}
}

/** The typed array behind a kernel operand (CPU backend only). */
export function vals(t: TensorInfo): TypedArray {
  return (t.dataId as CpuBuffer).values;
}
