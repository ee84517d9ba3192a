import { setFlagsFromString } from 'node:v8';
import { afterAll } from 'vitest';
import type { CpuBackend } from '../cpu/backend.js';
import { ENGINE } from '../engine.js';
import type { Tensor } from '../tensor.js';

/** A copy of `t` on `backend`, to run the same op on two backends. */
export function copyTo(t: Tensor, backend: CpuBackend): Tensor {
  const out = ENGINE.makeTensor(t.shape, t.dtype, backend);
  backend.write(out.dataId, t.dataSync());
  return out;
}

/**
 * Lets this test file's backends take the relaxed-SIMD kernels, as the CLI's do: Node 20 validates
 * them only behind a V8 flag, which is set now and cleared after the file (a test worker may run
 * other files, whose figures assume the plain build).
 */
export function allowRelaxedSimd(): void {
  setFlagsFromString('--experimental-wasm-relaxed-simd');
  afterAll(() => setFlagsFromString('--no-experimental-wasm-relaxed-simd'));
}
