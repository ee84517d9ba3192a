import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// TensorFlow.js ships CommonJS bundles for Node; load them with require so the backends register on
// the same tfjs-core instance.
const require = createRequire(import.meta.url);

/** The subset of the tfjs API the benchmarks use. */
export type Tf = typeof import('@tensorflow/tfjs');

let loaded: Tf | null = null;

/** Loads tfjs (with its gradients), the cpu backend and the wasm backend (single-threaded in Node). */
export async function loadTf(): Promise<Tf> {
  if (loaded) return loaded;
  const tf = require('@tensorflow/tfjs') as Tf;
  require('@tensorflow/tfjs-backend-cpu');
  const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths: (p: string) => void };
  const wasmDir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm')), '/');
  wasm.setWasmPaths(wasmDir);
  loaded = tf;
  return tf;
}

/** Switches tfjs to `name` and waits until it is ready. */
export async function useBackend(tf: Tf, name: 'cpu' | 'wasm'): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`tfjs backend '${name}' failed to initialise`);
  await tf.ready();
}
