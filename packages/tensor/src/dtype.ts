/** Element types a tensor can hold. `float64` exists for gradient checking on the CPU backend. */
export type DType = 'float32' | 'int32' | 'float64';

/** The typed array that backs each {@link DType} on the CPU. */
export type TypedArray = Float32Array | Int32Array | Float64Array;

/** Maps a {@link DType} to its typed-array class. */
export interface DTypeArrayMap {
  float32: Float32Array;
  int32: Int32Array;
  float64: Float64Array;
}

/** Allocates a zero-filled typed array of `size` elements for `dtype`. */
export function makeTypedArray<D extends DType>(dtype: D, size: number): DTypeArrayMap[D] {
  switch (dtype) {
    case 'float32':
      return new Float32Array(size) as DTypeArrayMap[D];
    case 'int32':
      return new Int32Array(size) as DTypeArrayMap[D];
    case 'float64':
      return new Float64Array(size) as DTypeArrayMap[D];
    default:
      throw new Error(`Unknown dtype '${String(dtype)}': use 'float32', 'int32' or 'float64'.`);
  }
}

/** A typed array of `dtype` viewing `length` elements of `buffer` from byte `byteOffset`. */
export function viewTypedArray<D extends DType>(
  dtype: D,
  buffer: ArrayBufferLike,
  byteOffset: number,
  length: number,
): DTypeArrayMap[D] {
  switch (dtype) {
    case 'float32':
      return new Float32Array(buffer, byteOffset, length) as DTypeArrayMap[D];
    case 'int32':
      return new Int32Array(buffer, byteOffset, length) as DTypeArrayMap[D];
    case 'float64':
      return new Float64Array(buffer, byteOffset, length) as DTypeArrayMap[D];
    default:
      throw new Error(`Unknown dtype '${String(dtype)}': use 'float32', 'int32' or 'float64'.`);
  }
}

/** Bytes per element of `dtype`. */
export function bytesPerElement(dtype: DType): number {
  return dtype === 'float64' ? 8 : 4;
}

/** True for the floating point dtypes (those that can carry gradients). */
export function isFloat(dtype: DType): boolean {
  return dtype !== 'int32';
}

/** The dtype of a binary op's result: float64 beats float32 beats int32. */
export function promoteTypes(a: DType, b: DType): DType {
  if (a === b) return a;
  if (a === 'float64' || b === 'float64') return 'float64';
  return 'float32';
}

/** Throws unless `dtype` is one of the known dtypes. */
export function assertDType(dtype: unknown): asserts dtype is DType {
  if (dtype !== 'float32' && dtype !== 'int32' && dtype !== 'float64') {
    throw new Error(`Unknown dtype '${String(dtype)}': use 'float32', 'int32' or 'float64'.`);
  }
}
