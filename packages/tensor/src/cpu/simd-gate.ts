import type { TypedArray } from '../dtype.js';
import type { SimdKernels } from './wasm/simd.js';

// The two questions every CPU kernel asks before it hands its operands to wasm, answered in one place.

/** Below this many elements the JavaScript loop beats a call into wasm. */
const SIMD_MIN_ELEMENTS = 64;

/** Whether the wasm kernels can take `arrays`: SIMD is there and every array is float32. */
export function simdTakes(simd: SimdKernels | null, ...arrays: TypedArray[]): simd is SimdKernels {
  return simd !== null && arrays.every((a) => a instanceof Float32Array);
}

/** Whether a float32 kernel should run in wasm: it can ({@link simdTakes}) and the first array is big enough to pay. */
export function useSimd(simd: SimdKernels | null, ...arrays: TypedArray[]): simd is SimdKernels {
  return arrays[0]!.length >= SIMD_MIN_ELEMENTS && simdTakes(simd, ...arrays);
}
