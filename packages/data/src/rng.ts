import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { DataError } from './errors.js';

/**
 * A mutable pseudo-random generator, as {@link createRng} returns: the shape of pure-rand's
 * `RandomGenerator`, declared here so that the package's types do not depend on where pure-rand keeps
 * its own (it can be passed to pure-rand's distributions, such as `uniformInt`, as it is).
 */
export interface RandomGenerator {
  /** An independent copy in the same state. */
  clone(): RandomGenerator;
  /** The next 32-bit value (from -0x8000_0000 to 0x7fff_ffff); advances the generator. */
  next(): number;
  /** The generator's internal state, read-only. */
  getState(): readonly number[];
}

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
