import type { TensorValues } from '@makemore/nn';
import type { Tensor } from '@makemore/tensor';
import { CheckpointError } from './checkpoint-error.js';
import type { StoredTensor } from './safetensors.js';

/**
 * Copies tensors out as safetensors entries (F32 for float32, F64 for float64, I32 for int32), so
 * they can be written while training goes on.
 */
export function tensorsToStored(tensors: Iterable<readonly [string, Tensor]>): Map<string, StoredTensor> {
  const out = new Map<string, StoredTensor>();
  for (const [name, t] of tensors) out.set(name, stored(name, t, t.dataSync()));
  return out;
}

/**
 * {@link tensorsToStored} reading with `await data()`, so it also runs on a backend that reads back
 * only asynchronously (gpu.js's webgpu mode).
 */
export async function tensorsToStoredAsync(
  tensors: Iterable<readonly [string, Tensor]>,
): Promise<Map<string, StoredTensor>> {
  const out = new Map<string, StoredTensor>();
  for (const [name, t] of tensors) out.set(name, stored(name, t, await t.data()));
  return out;
}

function stored(name: string, t: Tensor, values: ArrayLike<number>): StoredTensor {
  const shape = [...t.shape];
  if (t.dtype === 'float32') return { dtype: 'F32', shape, data: Float32Array.from(values) };
  if (t.dtype === 'float64') return { dtype: 'F64', shape, data: Float64Array.from(values) };
  if (t.dtype === 'int32') return { dtype: 'I32', shape, data: Int32Array.from(values) };
  throw new CheckpointError(
    'WEIGHTS_MISMATCH',
    `The tensor '${name}' has dtype ${t.dtype}, which safetensors here cannot store.`,
  );
}

/** Safetensors entries as the values `Module.loadStateDict` and optimizers read. */
export function storedToValues(stored: ReadonlyMap<string, StoredTensor>): Map<string, TensorValues> {
  return new Map([...stored].map(([name, t]) => [name, { shape: t.shape, data: t.data }]));
}
