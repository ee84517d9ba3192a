import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator';

/** A generator's serialisable state (plain JSON), for checkpoints and resumed training. */
export interface GeneratorState {
  /** The algorithm, so a state from another generator is rejected. */
  readonly algorithm: 'xoroshiro128plus';
  /** The algorithm's internal words. */
  readonly state: readonly number[];
}

/** Options for {@link Generator.multinomial}. */
export interface MultinomialOptions {
  /** Draw with replacement (default false, as `torch.multinomial`). */
  replacement?: boolean | undefined;
}

/**
 * A seedable random number generator, like `torch.Generator`: every random function takes one, so
 * runs are reproducible and nothing reads a global. The core algorithm is xoroshiro128+ from
 * pure-rand; the distributions on top are written so the same seed gives the same numbers on every
 * machine and backend.
 *
 * @example
 * ```ts
 * const g = new Generator(2147483647);
 * const a = g.uniform();
 * const saved = g.getState();
 * const b = g.uniform();
 * g.setState(saved);
 * g.uniform() === b; // true
 * ```
 */
export class Generator {
  private rng: RandomGenerator;

  /** Creates a generator from an integer seed (default 0). */
  constructor(seed = 0) {
    this.rng = seeded(seed);
  }

  /** Re-seeds in place (PyTorch's `manual_seed`); returns this. */
  manualSeed(seed: number): this {
    this.rng = seeded(seed);
    return this;
  }

  /** A generator restored from {@link Generator.getState}. */
  static fromState(state: GeneratorState): Generator {
    const g = new Generator(0);
    g.setState(state);
    return g;
  }

  /** The current state, as plain JSON-serialisable data. */
  getState(): GeneratorState {
    return { algorithm: 'xoroshiro128plus', state: [...this.rng.getState()] };
  }

  /** Restores a state from {@link Generator.getState}. */
  setState(state: GeneratorState): void {
    if (
      state === null ||
      typeof state !== 'object' ||
      state.algorithm !== 'xoroshiro128plus' ||
      !Array.isArray(state.state) ||
      state.state.length !== 4 ||
      !state.state.every((v) => Number.isInteger(v))
    ) {
      throw new Error(
        'Generator.setState: expected a state from Generator.getState() (xoroshiro128plus, 4 integers).',
      );
    }
    this.rng = xoroshiro128plusFromState(state.state);
  }

  /** An independent copy with the same state. */
  clone(): Generator {
    return Generator.fromState(this.getState());
  }

  /** A uniform float in [0, 1) with 53 random bits. */
  uniform(): number {
    return uniformFloat64(this.rng);
  }

  /** A standard normal sample (Box–Muller; the second value of the pair is discarded). */
  normal(): number {
    const u1 = 1 - this.uniform(); // (0, 1]: log is finite
    const u2 = this.uniform();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** A uniform integer in `[low, high)`. */
  integer(low: number, high: number): number {
    if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || high <= low) {
      throw new Error(`Generator.integer: need integers low < high, got [${low}, ${high}).`);
    }
    return uniformInt(this.rng, low, high - 1);
  }

  /** Fills `out` with uniform samples in `[low, high)`. */
  fillUniform(out: { length: number; [i: number]: number }, low = 0, high = 1): void {
    const span = high - low;
    for (let i = 0; i < out.length; i++) out[i] = low + span * this.uniform();
  }

  /** Fills `out` with normal samples (both Box–Muller values of each pair are used). */
  fillNormal(out: { length: number; [i: number]: number }, mean = 0, std = 1): void {
    const n = out.length;
    for (let i = 0; i < n; i += 2) {
      const u1 = 1 - this.uniform();
      const u2 = this.uniform();
      const r = Math.sqrt(-2 * Math.log(u1));
      out[i] = mean + std * r * Math.cos(2 * Math.PI * u2);
      if (i + 1 < n) out[i + 1] = mean + std * r * Math.sin(2 * Math.PI * u2);
    }
  }

  /** Fills `out` with uniform integers in `[low, high)`. */
  fillIntegers(out: { length: number; [i: number]: number }, low: number, high: number): void {
    for (let i = 0; i < out.length; i++) out[i] = this.integer(low, high);
  }

  /**
   * Draws `numSamples` category indices with probability proportional to `weights` (which need not
   * sum to 1), like `torch.multinomial`. Without replacement, each index is drawn at most once.
   */
  multinomial(weights: ArrayLike<number>, numSamples: number, options: MultinomialOptions = {}): Int32Array {
    const replacement = options.replacement ?? false;
    const n = weights.length;
    if (!Number.isInteger(numSamples) || numSamples < 0) {
      throw new Error(`multinomial: numSamples must be a non-negative integer, got ${numSamples}.`);
    }
    const w = new Float64Array(n);
    let positive = 0;
    for (let i = 0; i < n; i++) {
      const v = weights[i]!;
      if (!(v >= 0) || !Number.isFinite(v)) {
        throw new Error(`multinomial: weights must be finite and non-negative, got ${v} at index ${i}.`);
      }
      w[i] = v;
      if (v > 0) positive++;
    }
    if (positive === 0) throw new Error('multinomial: the weights sum to zero.');
    if (!replacement && numSamples > positive) {
      throw new Error(
        `multinomial: cannot draw ${numSamples} samples without replacement from ${positive} categories with non-zero weight.`,
      );
    }
    const out = new Int32Array(numSamples);
    if (replacement) {
      const cdf = new Float64Array(n);
      let acc = 0;
      for (let i = 0; i < n; i++) {
        acc += w[i]!;
        cdf[i] = acc;
      }
      for (let s = 0; s < numSamples; s++) out[s] = searchCdf(cdf, this.uniform() * acc);
      return out;
    }
    for (let s = 0; s < numSamples; s++) {
      let total = 0;
      for (let i = 0; i < n; i++) total += w[i]!;
      const u = this.uniform() * total;
      let acc = 0;
      let pick = -1;
      for (let i = 0; i < n; i++) {
        if (w[i] === 0) continue;
        acc += w[i]!;
        pick = i;
        if (u < acc) break;
      }
      out[s] = pick;
      w[pick] = 0;
    }
    return out;
  }

  /** A random permutation of `0..n-1` (Fisher–Yates). */
  permutation(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0)
      throw new Error(`permutation: n must be a non-negative integer, got ${n}.`);
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = uniformInt(this.rng, 0, i);
      const t = p[i]!;
      p[i] = p[j]!;
      p[j] = t;
    }
    return p;
  }
}

/** First index whose cumulative weight exceeds `u` (skips zero-weight categories). */
function searchCdf(cdf: Float64Array, u: number): number {
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Expands any safe integer seed into the generator's 128-bit state with splitmix32, as the
 * xoroshiro authors recommend: seeding the state words directly from the seed makes the first
 * outputs of nearby seeds strongly correlated (and tiny for small seeds).
 */
function seeded(seed: number): RandomGenerator {
  if (!Number.isSafeInteger(seed)) throw new Error(`Generator: seed must be a safe integer, got ${seed}.`);
  let a = (seed | 0) ^ Math.imul(Math.floor(seed / 4294967296) | 0, 0x85ebca6b);
  const next = (): number => {
    a = (a + 0x9e3779b9) | 0;
    let t = a ^ (a >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    return t ^ (t >>> 15);
  };
  const state = [next(), next(), next(), next()];
  if ((state[0]! | state[1]! | state[2]! | state[3]!) === 0) state[0] = 1; // the all-zero state is a fixed point
  return xoroshiro128plusFromState(state);
}
