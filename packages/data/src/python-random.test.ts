import { describe, expect, test } from 'vitest';
import { PythonRandom } from './python-random.js';

// Expected values were printed by CPython 3 (`random.seed(s)` then the call shown): an independent
// implementation of the same generator, not this one's output.
describe('PythonRandom', () => {
  test('getrandbits matches CPython for small and multi-word seeds', () => {
    const words = (seed: number, k: number, n: number) => {
      const r = new PythonRandom(seed);
      return Array.from({ length: n }, () => r.getrandbits(k));
    };
    expect(words(42, 32, 3)).toEqual([2746317213, 478163327, 107420369]);
    expect(words(42, 5, 3)).toEqual([20, 3, 0]);
    expect(words(0, 32, 2)).toEqual([3626764237, 1654615998]);
    expect(words(2 ** 40 + 7, 32, 2)).toEqual([2635837658, 3209733218]);
  });

  test('shuffle makes the permutation random.shuffle makes', () => {
    const digits = Array.from({ length: 10 }, (_, i) => i);
    expect(new PythonRandom(42).shuffle(digits)).toEqual([7, 3, 2, 8, 5, 6, 9, 4, 0, 1]);
    expect(digits).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]); // a copy; the input is left alone
  });

  test('randbelow stays in range and refuses what Python would not take', () => {
    const r = new PythonRandom(7);
    for (let i = 0; i < 1000; i++) {
      const v = r.randbelow(3);
      expect(v >= 0 && v < 3).toBe(true);
    }
    expect(r.randbelow(1)).toBe(0);
    expect(() => r.randbelow(0)).toThrow('randbelow takes an integer from 1 to 2^32 - 1, not 0.');
    expect(() => new PythonRandom(-1)).toThrow('the seed must be a non-negative safe integer, not -1.');
    expect(() => r.getrandbits(33)).toThrow('getrandbits takes 1 to 32 bits, not 33.');
  });
});
