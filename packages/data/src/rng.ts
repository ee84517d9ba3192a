import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';
import { DataError } from './errors.js';

/** The largest seed {@link createRng} accepts: the generator is seeded from 32 bits. */
export const MAX_SEED = 0xffff_ffff;

/**
 * A seeded pseudo-random generator (pure-rand's xoroshiro128+), so that shuffles and samples are the
 * same for the same seed on every machine and in the browser. It is mutable: pass it along, never share
 * it between unrelated computations.
 *
 * @param seed - an integer from 0 to {@link MAX_SEED}.
 * @throws {@link DataError} `BAD_ARGUMENT` if the seed is not such an integer; seeds are checked rather
 *   than truncated so that two different seeds never silently give the same stream.
 *
 * @example
 * ```ts
 * import { uniformInt } from 'pure-rand/distribution/uniformInt';
 * const rng = createRng(3407);
 * const die = uniformInt(rng, 1, 6);
 * ```
 */
export function createRng(seed: number): RandomGenerator {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED) {
    throw new DataError('BAD_ARGUMENT', `The seed must be an integer from 0 to ${MAX_SEED}, not ${seed}.`);
  }
  return xoroshiro128plus(seed);
}

export type { RandomGenerator };
