import { MAX_SEED } from '@makemore/data';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { drawSeed } from './draw-seed.js';

afterEach(() => vi.restoreAllMocks());

describe('drawSeed', () => {
  test('returns a safe integer from 0 to MAX_SEED, a fresh one on each call', () => {
    const seeds = Array.from({ length: 100 }, () => drawSeed());
    for (const seed of seeds) {
      expect(Number.isSafeInteger(seed)).toBe(true);
      expect(seed).toBeGreaterThanOrEqual(0);
      expect(seed).toBeLessThanOrEqual(MAX_SEED);
    }
    // 100 draws of 32 bits collide with probability about 1e-6.
    expect(new Set(seeds).size).toBe(100);
  });

  test('reads 32 bits as an unsigned integer, so the top of the range is reached and never negative', () => {
    const fill = (value: number) =>
      vi.spyOn(crypto, 'getRandomValues').mockImplementation((array) => {
        new Uint32Array(array.buffer, array.byteOffset, 1)[0] = value;
        return array;
      });
    fill(0xffff_ffff);
    expect(drawSeed()).toBe(MAX_SEED);
    fill(0);
    expect(drawSeed()).toBe(0);
  });
});
