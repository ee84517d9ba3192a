import { Generator, noGrad, randn, tidy } from '@makemore/tensor';
import type { Tf } from './tfjs.js';

/** Matmul shapes: `[M, K, N]` and their labels in the JSON output. */
export const MATMUL_SIZES: { label: string; m: number; k: number; n: number }[] = [
  { label: '32x30x200', m: 32, k: 30, n: 200 },
  { label: '256', m: 256, k: 256, n: 256 },
  { label: '512', m: 512, k: 512, n: 512 },
];

/** A matmul of the given size on @makemore/tensor (result freed each call; the pool reuses it). */
export function makemoreMatmul(m: number, k: number, n: number): { run: () => void; dispose: () => void } {
  const g = new Generator(0);
  const a = randn([m, k], { generator: g });
  const b = randn([k, n], { generator: g });
  return {
    run: () => noGrad(() => tidy(() => void a.matmul(b))),
    dispose: () => {
      a.dispose();
      b.dispose();
    },
  };
}

/** The same matmul on the current tfjs backend. */
export function tfjsMatmul(
  tf: Tf,
  m: number,
  k: number,
  n: number,
): { run: () => void; dispose: () => void } {
  const a = tf.randomNormal([m, k], 0, 1, 'float32', 1);
  const b = tf.randomNormal([k, n], 0, 1, 'float32', 2);
  return {
    run: () => tf.matMul(a, b).dispose(),
    dispose: () => tf.dispose([a, b]),
  };
}
