import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import type { RandomGenerator } from './rng.js';

/**
 * Draws one index from a discrete distribution (what `torch.multinomial(p, 1)` does for one row):
 * index `i` with probability `weights[i] / sum(weights)`.
 *
 * @param weights - non-negative weights, read from `offset` to `offset + length`.
 * @param rng - the generator; advances by one 53-bit draw.
 * @returns the index relative to `offset`, or -1 if every weight is 0.
 */
export function sampleIndex(
  weights: ArrayLike<number>,
  rng: RandomGenerator,
  offset = 0,
  length = weights.length - offset,
): number {
  let total = 0;
  let last = -1;
  for (let i = 0; i < length; i++) {
    const weight = weights[offset + i]!;
    total += weight;
    if (weight > 0) last = i;
  }
  if (last === -1) return -1;
  const target = uniformFloat64(rng) * total;
  let cumulative = 0;
  for (let i = 0; i < length; i++) {
    cumulative += weights[offset + i]!;
    if (target < cumulative) return i;
  }
  // Rounding can leave the running sum a hair below the total; the draw then belongs to the last outcome.
  return last;
}
