import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from './rng.js';
import { sampleIndex } from './sample-index.js';

describe('sampleIndex', () => {
  it('returns -1 when every weight is 0, or there are none', () => {
    expect(sampleIndex([0, 0, 0], createRng(1))).toBe(-1);
    expect(sampleIndex([], createRng(1))).toBe(-1);
  });

  it('never returns an index of weight 0', () => {
    const rng = createRng(5);
    for (let i = 0; i < 2000; i++)
      expect(sampleIndex([0, 3, 0, 1, 0], rng)).not.toSatisfy((k) => k % 2 === 0);
  });

  it('reads the window [offset, offset + length) and returns indices relative to it', () => {
    const rng = createRng(2);
    const weights = [5, 5, 0, 1, 0, 5];
    for (let i = 0; i < 100; i++) expect(sampleIndex(weights, rng, 2, 3)).toBe(1);
  });

  it('does not need the weights to sum to 1', () => {
    const rng = createRng(8);
    const hits = [0, 0];
    for (let i = 0; i < 40_000; i++) hits[sampleIndex([10, 30], rng)]! += 1;
    // 5 standard deviations of binomial(40000, 0.25) is about 433.
    expect(Math.abs(hits[0]! - 10_000)).toBeLessThan(433);
  });

  it('property: the result is an index of positive weight inside the window', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-300, max: 1e6, noNaN: true })), {
          maxLength: 30,
        }),
        fc.nat(2 ** 32 - 1),
        (weights, seed) => {
          const k = sampleIndex(weights, createRng(seed));
          if (weights.every((w) => w === 0)) expect(k).toBe(-1);
          else expect(weights[k]).toBeGreaterThan(0);
        },
      ),
    );
  });
});
