// Python's `random` module, as far as `random.seed(int)` and `random.shuffle` go: the Mersenne
// Twister (MT19937) seeded by `init_by_array`, and the rejection sampling of `_randbelow`. It exists so
// that the lecture's split (`random.seed(42); random.shuffle(words)`) can be rebuilt exactly, and
// with it the lecture's train/val/test losses compared like for like.

import { Mt19937 } from './mt19937.js';

/**
 * CPython's `random.Random` for integer seeds: the same 32-bit words from `getrandbits`, and the same
 * permutation from {@link PythonRandom.shuffle}.
 *
 * @example
 * ```ts
 * const rng = new PythonRandom(42);
 * rng.getrandbits(32); // 2746317213, as random.seed(42); random.getrandbits(32)
 * ```
 */
export class PythonRandom {
  readonly #mt: Mt19937;

  /**
   * Seeds as `random.seed(seed)` does for a non-negative integer: its 32-bit words, least significant
   * first, go to `init_by_array`.
   *
   * @param seed - a non-negative safe integer
   */
  constructor(seed: number) {
    if (!Number.isSafeInteger(seed) || seed < 0) {
      throw new RangeError(`PythonRandom: the seed must be a non-negative safe integer, not ${seed}.`);
    }
    const key: number[] = [];
    let rest = seed;
    do {
      key.push(rest % 0x1_0000_0000);
      rest = Math.floor(rest / 0x1_0000_0000);
    } while (rest > 0);
    this.#mt = new Mt19937({ key });
  }

  /** The next 32-bit output of the generator (`genrand_uint32`). */
  nextUint32(): number {
    return this.#mt.nextUint32();
  }

  /** `random.getrandbits(k)` for 1 ≤ k ≤ 32: the top `k` bits of one output. */
  getrandbits(k: number): number {
    if (!Number.isInteger(k) || k < 1 || k > 32) {
      throw new RangeError(`PythonRandom: getrandbits takes 1 to 32 bits, not ${k}.`);
    }
    return this.nextUint32() >>> (32 - k);
  }

  /** `random._randbelow(n)`: uniform in `[0, n)` by rejection on `n.bit_length()` bits. */
  randbelow(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 0xffff_ffff) {
      throw new RangeError(`PythonRandom: randbelow takes an integer from 1 to 2^32 - 1, not ${n}.`);
    }
    const k = 32 - Math.clz32(n); // n.bit_length()
    let r = this.getrandbits(k);
    while (r >= n) r = this.getrandbits(k);
    return r;
  }

  /** A shuffled copy of `items`, the permutation `random.shuffle` makes in place. */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.randbelow(i + 1);
      const tmp = out[i]!;
      out[i] = out[j]!;
      out[j] = tmp;
    }
    return out;
  }
}
