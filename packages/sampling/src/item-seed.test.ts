import { describe, expect, test } from 'vitest';
import { itemSeed } from './item-seed.js';

describe('itemSeed', () => {
  test('is the top half of splitmix64 on seed · 2³² + index, the same on every machine', () => {
    // The first output of Vigna's splitmix64.c from state 0 is 0xe220a8397b1dcdaf; the other values
    // come from a Python transcription of the same function.
    expect(itemSeed(0, 0)).toBe(0xe220a839);
    expect(itemSeed(0, 1)).toBe(2433363436);
    expect(itemSeed(1, 0)).toBe(3291240986);
    expect(itemSeed(42, 0)).toBe(3932676849);
    expect(itemSeed(42, 4)).toBe(579201585);
    expect(itemSeed(0xffff_ffff, 0xffff_ffff)).toBe(3839455607);
  });

  test('nearby (seed, index) pairs get distinct stream seeds in range', () => {
    const seeds = new Set<number>();
    for (let seed = 0; seed < 64; seed++)
      for (let index = 0; index < 64; index++) seeds.add(itemSeed(seed, index));
    expect(seeds.size).toBe(64 * 64);
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s <= 0xffff_ffff).toBe(true);
  });
});
