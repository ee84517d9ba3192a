import { DataError } from './errors.js';
import { PythonRandom } from './python-random.js';
import { createRng } from './rng.js';
import { shuffle } from './shuffle.js';
import { torchRandperm } from './torch-random.js';

/**
 * How {@link splitItems} cuts the shuffled items.
 *
 * - `'fractions'`: train/val/test by fractions, 0.8/0.1/0.1 by default, as the MLP lecture does.
 * - `'lecture'`: the lecture's exact split: the items shuffled as Python's `random.seed(seed);
 *   random.shuffle(items)` shuffles them, then cut as `'fractions'`. With seed 42 and names.txt it
 *   gives the very train/val/test sets of the lecture, so losses compare like for like.
 * - `'makemore'`: cut as makemore.py cuts: the test set is the last `min(1000, floor(0.1 n))` items of
 *   the seeded shuffle, and there is no validation set.
 * - `'makemore-torch'`: makemore.py's exact split: the permutation `torch.manual_seed(seed);
 *   torch.randperm(n)` gives on the CPU, cut as `'makemore'`. With seed 3407 (makemore's default) and
 *   names.txt it gives the very train and test sets of makemore.py.
 * - `'none'`: no held-out sets: every item trains, in its original order, as the first lecture
 *   counts its bigrams over all of names.txt.
 */
export type SplitScheme = 'fractions' | 'lecture' | 'makemore' | 'makemore-torch' | 'none';

/** Every {@link SplitScheme}, for validation and help texts. */
export const SPLIT_SCHEMES: readonly SplitScheme[] = [
  'fractions',
  'lecture',
  'makemore',
  'makemore-torch',
  'none',
];

/** Options of {@link splitItems}. */
export interface SplitOptions {
  /** Seed of the shuffle; see {@link createRng}. */
  seed: number;
  /** How to cut; default `'fractions'`. */
  scheme?: SplitScheme | undefined;
  /** Train, validation and test fractions for `'fractions'` and `'lecture'`; non-negative, summing to 1. */
  fractions?: [number, number, number] | undefined;
}

/** The three parts of a dataset. */
export interface DataSplit {
  /** Items to fit on. */
  train: string[];
  /** Items to tune on (empty in the `'makemore'` and `'makemore-torch'` schemes). */
  val: string[];
  /** Items to report on. */
  test: string[];
}

const DEFAULT_FRACTIONS: readonly [number, number, number] = [0.8, 0.1, 0.1];

/**
 * Shuffles the items with a seeded generator and cuts them into train, validation and test sets. The
 * same seed gives the same split on every machine.
 *
 * With the `'fractions'` scheme the cuts fall at `floor(f0 n)` and `floor((f0 + f1) n)`, as the lecture's
 * `n1 = int(0.8*len(words))`, `n2 = int(0.9*len(words))`.
 *
 * @param items - the dataset.
 * @param options - see {@link SplitOptions}.
 * @throws {@link DataError} `BAD_ARGUMENT` for a missing or bad seed, scheme or fractions, or items that
 *   are not an array.
 *
 * @example
 * ```ts
 * const { train, val, test } = splitItems(items, { seed: 42 });
 * const lecture = splitItems(items, { seed: 42, scheme: 'lecture' }); // the lecture's own split
 * const makemore = splitItems(items, { seed: 3407, scheme: 'makemore-torch' }); // makemore.py's own split
 * ```
 */
export function splitItems(items: readonly string[], options: SplitOptions): DataSplit {
  // Plain JavaScript reaches here without the type checker: a missing options object would
  // otherwise surface as a TypeError about reading 'scheme' of undefined.
  if (!Array.isArray(items)) {
    throw new DataError(
      'BAD_ARGUMENT',
      `splitItems takes an array of items, not ${typeof items}; e.g. splitItems(['emma', 'olivia'], { seed: 42 }).`,
    );
  }
  if (typeof options !== 'object' || options === null || options.seed === undefined) {
    throw new DataError(
      'BAD_ARGUMENT',
      'splitItems needs a seed, so the split can be repeated; pass { seed }, e.g. splitItems(items, { seed: 42 }).',
    );
  }
  const scheme = options.scheme ?? 'fractions';
  if (!SPLIT_SCHEMES.includes(scheme)) {
    throw new DataError(
      'BAD_ARGUMENT',
      `Unknown split scheme ${JSON.stringify(scheme)}; use ${SPLIT_SCHEMES.map((s) => `'${s}'`).join(', ')}.`,
    );
  }
  const makemoreCut = scheme === 'makemore' || scheme === 'makemore-torch';
  if ((makemoreCut || scheme === 'none') && options.fractions !== undefined) {
    throw new DataError(
      'BAD_ARGUMENT',
      `Fractions only apply to the 'fractions' and 'lecture' split schemes; leave them out with scheme '${scheme}'.`,
    );
  }
  const fractions = checkFractions(options.fractions ?? DEFAULT_FRACTIONS);
  // createRng validates the seed for every scheme, so one seed range holds everywhere.
  const rng = createRng(options.seed);
  if (scheme === 'none') return { train: [...items], val: [], test: [] };
  const shuffled =
    scheme === 'lecture'
      ? new PythonRandom(options.seed).shuffle(items)
      : scheme === 'makemore-torch'
        ? torchRandperm(items.length, options.seed).map((i) => items[i]!)
        : shuffle(items, rng);
  const n = shuffled.length;
  if (makemoreCut) {
    // makemore.py: test_set_size = min(1000, int(len(words) * 0.1)); the test set is the tail of the permutation.
    const testSize = Math.min(1000, Math.floor(n * 0.1));
    return { train: shuffled.slice(0, n - testSize), val: [], test: shuffled.slice(n - testSize) };
  }
  const [f0, f1] = fractions;
  const n1 = Math.floor(f0 * n);
  const n2 = Math.max(n1, Math.min(n, Math.floor((f0 + f1) * n)));
  return { train: shuffled.slice(0, n1), val: shuffled.slice(n1, n2), test: shuffled.slice(n2) };
}

function checkFractions(fractions: readonly number[]): readonly [number, number, number] {
  const valid =
    Array.isArray(fractions) &&
    fractions.length === 3 &&
    fractions.every((f) => typeof f === 'number' && Number.isFinite(f) && f >= 0) &&
    Math.abs(fractions[0]! + fractions[1]! + fractions[2]! - 1) < 1e-9;
  if (!valid) {
    throw new DataError(
      'BAD_ARGUMENT',
      `The split fractions must be three non-negative numbers that add up to 1, such as [0.8, 0.1, 0.1], not ${JSON.stringify(fractions)}.`,
    );
  }
  return fractions as [number, number, number];
}
