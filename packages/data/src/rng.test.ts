import { uniformInt } from 'pure-rand/distribution/uniformInt';
import type { RandomGenerator as PureRandGenerator } from 'pure-rand/types/RandomGenerator';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createRng, MAX_SEED, type RandomGenerator } from './rng.js';
import { expectDataError } from './test-support/expect-data-error.js';

const draw = (seed: number) => {
  const rng = createRng(seed);
  return Array.from({ length: 8 }, () => uniformInt(rng, 0, 999));
};

describe('createRng', () => {
  it('gives the same stream for the same seed and a different one for another seed', () => {
    expect(draw(3407)).toEqual(draw(3407));
    expect(draw(3407)).not.toEqual(draw(3408));
  });

  it('pins the stream of seed 42, so a change of generator cannot go unnoticed', () => {
    const rng = createRng(42);
    expect(Array.from({ length: 4 }, () => rng.next())).toEqual(PINNED_42);
  });

  it('accepts 0 and MAX_SEED', () => {
    expect(MAX_SEED).toBe(4294967295);
    expect(() => createRng(0)).not.toThrow();
    expect(() => createRng(MAX_SEED)).not.toThrow();
    expect(draw(0)).not.toEqual(draw(MAX_SEED));
  });

  it("declares pure-rand's RandomGenerator type itself, so the published types import no pure-rand subpath", () => {
    expectTypeOf<RandomGenerator>().toEqualTypeOf<PureRandGenerator>();
    expectTypeOf(createRng(1)).toExtend<PureRandGenerator>();
  });

  it.each([-1, 1.5, MAX_SEED + 1, Number.NaN, 2 ** 53])('refuses seed %s', (seed) => {
    expectDataError(
      () => createRng(seed),
      'BAD_ARGUMENT',
      `The seed must be an integer from 0 to 4294967295, not ${seed}.`,
    );
  });
});

// pure-rand 8.4.2 xoroshiro128plus(42); the first output is ~seed + 0 by construction of its seeding.
const PINNED_42 = [-43, -707462423, -8332113, -783010828];
