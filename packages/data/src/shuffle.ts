import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator } from './rng.js';

/**
 * Returns a shuffled copy of `items` (Fisher-Yates, walking from the end as Python's `random.shuffle`
 * does), drawing from `rng`, which advances.
 *
 * @example
 * ```ts
 * const shuffled = shuffle(['a', 'b', 'c'], createRng(42));
 * ```
 */
export function shuffle<T>(items: readonly T[], rng: RandomGenerator): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = uniformInt(rng, 0, i);
    const tmp = out[i]!;
    out[i] = out[j]!;
    out[j] = tmp;
  }
  return out;
}
