// The Mersenne Twister MT19937 (Matsumoto and Nishimura 1998), the generator behind both CPython's
// `random` and PyTorch's CPU generator. The two differ only in how they seed it: CPython feeds the
// seed's 32-bit words to `init_by_array`, PyTorch hands its low 32 bits to `init_genrand`.

const N = 624;
const M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

/**
 * MT19937's 32-bit outputs (`genrand_uint32`), seeded as the reference code seeds it.
 *
 * @example
 * ```ts
 * new Mt19937({ seed: 5489 }).nextUint32(); // 3499211612, the reference code's first output
 * ```
 */
export class Mt19937 {
  readonly #mt = new Uint32Array(N);
  #index = N;

  /**
   * Seeds with `init_genrand(seed)` (`{ seed }`, a 32-bit value) or `init_by_array(key)` (`{ key }`,
   * 32-bit words).
   */
  constructor(init: { seed: number } | { key: readonly number[] }) {
    if ('seed' in init) this.#initGenrand(init.seed);
    else this.#initByArray(init.key);
  }

  /** The next 32-bit output (`genrand_uint32`). */
  nextUint32(): number {
    const mt = this.#mt;
    if (this.#index >= N) {
      for (let kk = 0; kk < N; kk++) {
        const y = (mt[kk]! & UPPER_MASK) | (mt[(kk + 1) % N]! & LOWER_MASK);
        mt[kk] = mt[(kk + M) % N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
      }
      this.#index = 0;
    }
    let y = mt[this.#index++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }

  #initGenrand(s: number): void {
    const mt = this.#mt;
    mt[0] = s >>> 0;
    for (let i = 1; i < N; i++) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = (Math.imul(1812433253, prev) + i) >>> 0;
    }
    this.#index = N;
  }

  #initByArray(key: readonly number[]): void {
    const mt = this.#mt;
    this.#initGenrand(19650218);
    let i = 1;
    let j = 0;
    for (let k = Math.max(N, key.length); k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1664525)) + key[j]! + j) >>> 0;
      i++;
      j++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
      if (j >= key.length) j = 0;
    }
    for (let k = N - 1; k > 0; k--) {
      const prev = mt[i - 1]! ^ (mt[i - 1]! >>> 30);
      mt[i] = ((mt[i]! ^ Math.imul(prev, 1566083941)) - i) >>> 0;
      i++;
      if (i >= N) {
        mt[0] = mt[N - 1]!;
        i = 1;
      }
    }
    mt[0] = 0x80000000;
    this.#index = N;
  }
}
