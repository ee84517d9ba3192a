import { describe, expect, test } from 'vitest';
import { tensor } from './creation.js';
import { Generator } from './random.js';
import { multinomial, rand, randint, randn, randperm } from './random-creation.js';
import { tidy } from './scope.js';

describe('Generator', () => {
  test('pinned values for seed 2147483647 (same on every machine)', () => {
    const g = new Generator(2147483647);
    expect([g.uniform(), g.uniform(), g.normal(), g.integer(0, 27), g.integer(-5, 5)]).toEqual([
      0.7129190735575593, 0.7566950614010257, 0.5349542093312232, 8, -3,
    ]);
    expect(Array.from(g.permutation(8))).toEqual([6, 5, 1, 2, 3, 7, 0, 4]);
    expect(Array.from(g.multinomial([0.1, 0.2, 0.7], 6, { replacement: true }))).toEqual([2, 2, 1, 2, 2, 2]);
    expect(Array.from(g.multinomial([1, 1, 1, 1, 0], 4))).toEqual([0, 3, 2, 1]);
    expect(g.getState()).toEqual({
      algorithm: 'xoroshiro128plus',
      state: [2138529404, -1631632256, -594005300, 918195697],
    });
  });

  test('pinned tensors for seed 42', () => {
    tidy(() => {
      const g = new Generator(42);
      expect(randn([4], { generator: g })).toBeAllClose([
        0.6610327363014221, 0.6941419839859009, 0.8468933701515198, 0.05624028667807579,
      ]);
      expect(randint(0, 27, [5], { generator: g }).tolist()).toEqual([17, 19, 20, 19, 24]);
      expect(rand([2], { generator: g })).toBeAllClose([0.3407343626022339, 0.5387561321258545]);
    });
  });

  test('same seed, same stream; different seeds differ; manualSeed resets', () => {
    const a = new Generator(7);
    const b = new Generator(7);
    const xs = Array.from({ length: 50 }, () => a.uniform());
    expect(Array.from({ length: 50 }, () => b.uniform())).toEqual(xs);
    const c = new Generator(8);
    expect(Array.from({ length: 50 }, () => c.uniform())).not.toEqual(xs);
    a.manualSeed(7);
    expect(a.uniform()).toBe(xs[0]);
    // Large (64-bit style) seeds are accepted and distinct from their low bits.
    expect(new Generator(2 ** 40 + 7).uniform()).not.toBe(new Generator(7).uniform());
  });

  test('state round-trips through JSON for resumed training', () => {
    const g = new Generator(123);
    g.normal();
    const saved = JSON.parse(JSON.stringify(g.getState()));
    const next = [g.uniform(), g.normal(), g.integer(0, 100)];
    const restored = Generator.fromState(saved);
    expect([restored.uniform(), restored.normal(), restored.integer(0, 100)]).toEqual(next);
    g.setState(saved);
    expect(g.uniform()).toBe(next[0]);
    const clone = g.clone();
    expect(clone.uniform()).toBe(g.uniform());
  });

  test('rejects a foreign or corrupted state and bad seeds', () => {
    const g = new Generator(1);
    expect(() => g.setState({ algorithm: 'mersenne', state: [1, 2, 3, 4] } as never)).toThrow(
      /expected a state from Generator.getState/,
    );
    expect(() => g.setState({ algorithm: 'xoroshiro128plus', state: [1, 2] })).toThrow(/4 integers/);
    expect(() => new Generator(1.5)).toThrow(/seed must be a safe integer, got 1.5/);
  });

  test('distributions have the right moments and ranges', () => {
    const g = new Generator(5);
    const n = 20000;
    const v = new Float64Array(n);
    g.fillNormal(v, 2, 3);
    const mean = v.reduce((s, x) => s + x, 0) / n;
    const sd = Math.sqrt(v.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
    expect(mean).toBeCloseTo(2, 1);
    expect(sd).toBeGreaterThan(2.9);
    expect(sd).toBeLessThan(3.1);
    g.fillUniform(v, -1, 1);
    expect(Math.min(...v)).toBeGreaterThanOrEqual(-1);
    expect(Math.max(...v)).toBeLessThan(1);
    const ints = Array.from({ length: 2000 }, () => g.integer(3, 6));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
  });

  test('multinomial with replacement follows the weights', () => {
    const g = new Generator(9);
    const s = g.multinomial([1, 0, 3], 8000, { replacement: true });
    const counts = [0, 0, 0];
    for (const i of s) counts[i]!++;
    expect(counts[1]).toBe(0);
    expect(counts[2]! / 8000).toBeGreaterThan(0.72);
    expect(counts[2]! / 8000).toBeLessThan(0.78);
  });

  test('multinomial without replacement never repeats and skips zero weights', () => {
    const g = new Generator(10);
    for (let t = 0; t < 50; t++) {
      const s = Array.from(g.multinomial([5, 0, 1, 1, 2], 4));
      expect(new Set(s).size).toBe(4);
      expect(s).not.toContain(1);
    }
    expect(() => g.multinomial([1, 0, 1], 3)).toThrow(
      /cannot draw 3 samples without replacement from 2 categories/,
    );
    expect(() => g.multinomial([0, 0], 1, { replacement: true })).toThrow(/sum to zero/);
    expect(() => g.multinomial([1, -1], 1)).toThrow(/finite and non-negative, got -1 at index 1/);
  });

  test('permutation is a permutation', () => {
    const g = new Generator(11);
    const p = Array.from(g.permutation(100));
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(p).not.toEqual(Array.from({ length: 100 }, (_, i) => i));
  });
});

describe('random tensors', () => {
  test('randn/rand/randint/randperm/multinomial shapes and dtypes', () => {
    tidy(() => {
      const g = new Generator(1);
      expect(randn([2, 3], { generator: g, dtype: 'float64' }).dtype).toBe('float64');
      expect(randn([2, 3], { generator: g, requiresGrad: true }).requiresGrad).toBe(true);
      expect(randint(0, 5, [4], { generator: g }).dtype).toBe('int32');
      expect(randperm(5, { generator: g }).shape).toEqual([5]);
      const probs = tensor([
        [0, 1, 0],
        [1, 0, 0],
      ]);
      expect(multinomial(probs, 2, { generator: g, replacement: true }).tolist()).toEqual([
        [1, 1],
        [0, 0],
      ]);
      expect(multinomial(tensor([0.5, 0.5]), 1, { generator: g }).shape).toEqual([1]);
    });
  });

  test('random functions demand an explicit generator', () => {
    expect(() => randn([2], {} as never)).toThrow(/randn: pass \{ generator \}/);
    expect(() => rand([2], undefined as never)).toThrow(/rand: pass \{ generator \}/);
  });
});
