const MASK_64 = (1n << 64n) - 1n;

/**
 * splitmix64's finalizer (Steele, Lea and Flood's mix, as in Java's SplittableRandom and Vigna's
 * splitmix64.c): a bijection of 64-bit integers in which every input bit affects every output bit.
 */
function mix64(x: bigint): bigint {
  let z = x & MASK_64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK_64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK_64;
  return z ^ (z >> 31n);
}

/**
 * The seed of item `index`'s own random stream in a run with seed `seed`: the top 32 bits of
 * splitmix64's mix of `seed · 2³² + index` plus the golden-ratio increment. Every item draws from its
 * own generator, so an item does not depend on how many items come before it in its batch, on the
 * batch size or on the count; BigInt arithmetic makes it the same on every machine.
 *
 * @param seed - the run's seed, an integer from 0 to 2³² − 1
 * @param index - the item's position, an integer from 0 to 2³² − 1 (an array holds no more items)
 * @returns a seed for createRng, an integer from 0 to 2³² − 1
 */
export function itemSeed(seed: number, index: number): number {
  // seed · 2³² + index is one-to-one on the pairs, and the mix is too: only the final cut to 32 bits
  // can make two pairs share a stream. The increment keeps seed 0, item 0 off mix64's fixed point 0.
  const mixed = mix64((BigInt(seed) << 32n) + BigInt(index) + 0x9e3779b97f4a7c15n);
  return Number(mixed >> 32n);
}
