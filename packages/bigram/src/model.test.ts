import { Vocab } from '@makemore/data';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectDataError } from '../../data/src/test-support/expect-data-error.js';
import { TEN_NAMES } from '../../data/src/test-support/short-names.js';
import { BigramCounts } from './counts.js';
import { BigramModel } from './model.js';

const items = ['ab', 'ab', 'b'];
const vocab = Vocab.fromItems(items); // . a b
// Counts: . → a 2, . → b 1, a → b 2, b → . 3.

describe('BigramModel probabilities', () => {
  it('normalises counts without smoothing', () => {
    const model = BigramModel.fit(items, vocab, { smoothing: 0 });
    expect([...model.probabilities()]).toEqual([0, 2 / 3, 1 / 3, 0, 0, 1, 1, 0, 0]);
    expect(model.smoothing).toBe(0);
    expect(model.vocab).toBe(vocab);
    expect(model.counts.total).toBe(8);
  });

  it('adds α = 1 to every count by default, as (N+1) in the lecture', () => {
    const model = BigramModel.fit(items, vocab);
    expect(model.smoothing).toBe(1);
    expect([...model.probabilities()]).toEqual([
      1 / 6,
      3 / 6,
      2 / 6,
      1 / 5,
      1 / 5,
      3 / 5,
      4 / 6,
      1 / 6,
      1 / 6,
    ]);
  });

  it('accepts any finite α ≥ 0', () => {
    const model = BigramModel.fit(items, vocab, { smoothing: 0.5 });
    expect(model.nextTokenProbabilities(1)[2]).toBeCloseTo(2.5 / 3.5, 15);
  });

  it('keeps a row with no counts all zero without smoothing', () => {
    // 'c' is in the vocabulary but never occurs in the fitted items.
    const model = BigramModel.fit(['a'], Vocab.fromItems(['ac']), { smoothing: 0 });
    expect([...model.nextTokenProbabilities(2)]).toEqual([0, 0, 0]);
  });

  it('gives rows summing to 1 and returns copies', () => {
    const model = BigramModel.fit(['emma', 'olivia', 'ava'], Vocab.fromItems(['emma', 'olivia', 'ava']));
    const size = model.vocab.size;
    const table = model.probabilities();
    for (let row = 0; row < size; row++) {
      const sum = table.subarray(row * size, (row + 1) * size).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 12);
    }
    table.fill(0);
    model.nextTokenProbabilities(0).fill(0);
    expect(model.probabilities().some((p) => p > 0)).toBe(true);
    expect(model.nextTokenProbabilities(0).some((p) => p > 0)).toBe(true);
  });

  it('in the split layout, never gives probability to entering <START> or leaving <END>', () => {
    const split = Vocab.fromItems(items, { layout: 'split' }); // a b <START> <END>
    const model = BigramModel.fit(items, split, { smoothing: 1 });
    for (let prev = 0; prev < split.size; prev++)
      expect(model.nextTokenProbabilities(prev)[split.startId]).toBe(0);
    expect([...model.nextTokenProbabilities(split.endId)]).toEqual([0, 0, 0, 0]);
    // Row <START>: a 2+1, b 1+1, <END> 0+1 over 6 — the same as row '.' of the shared layout.
    expect([...model.nextTokenProbabilities(split.startId)]).toEqual([3 / 6, 2 / 6, 0, 1 / 6]);
  });

  it('refuses a bad previous id', () => {
    const model = BigramModel.fit(items, vocab);
    expectDataError(
      () => model.nextTokenProbabilities(3),
      'BAD_ARGUMENT',
      'The previous token id 3 is out of range; this vocabulary has ids 0 to 2.',
    );
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY])('refuses smoothing %s', (smoothing) => {
    const message = `The smoothing must be a finite number of at least 0 (the lecture uses 1), not ${smoothing}.`;
    expectDataError(() => BigramModel.fit(items, vocab, { smoothing }), 'BAD_ARGUMENT', message);
    expectDataError(
      () => BigramModel.fromCounts(BigramCounts.fromItems(items, vocab), smoothing),
      'BAD_ARGUMENT',
      message,
    );
  });

  it('fromCounts shares the counts, so several smoothings need one count', () => {
    const counts = BigramCounts.fromItems(items, vocab);
    const a = BigramModel.fromCounts(counts, 0);
    const b = BigramModel.fromCounts(counts);
    expect(a.counts).toBe(counts);
    expect(b.smoothing).toBe(1);
    expect(b.probabilities()).toEqual(BigramModel.fit(items, vocab).probabilities());
  });
});

describe('BigramModel.logLikelihood', () => {
  const model = BigramModel.fit(items, vocab, { smoothing: 0 });

  it('lists every bigram of the word with its probability', () => {
    const score = model.logLikelihood('ab');
    expect(score.word).toBe('ab');
    expect(score.terms).toEqual([
      { prev: '.', next: 'a', probability: 2 / 3, logProbability: Math.log(2 / 3) },
      { prev: 'a', next: 'b', probability: 1, logProbability: 0 },
      { prev: 'b', next: '.', probability: 1, logProbability: 0 },
    ]);
    expect(score.logLikelihood).toBeCloseTo(Math.log(2 / 3), 15);
  });

  it('gives -Infinity for an unseen bigram without smoothing, and a finite value with it', () => {
    const score = model.logLikelihood('ba');
    expect(score.logLikelihood).toBe(Number.NEGATIVE_INFINITY);
    expect(score.terms[1]).toEqual({
      prev: 'b',
      next: 'a',
      probability: 0,
      logProbability: Number.NEGATIVE_INFINITY,
    });
    expect(BigramModel.fit(items, vocab).logLikelihood('ba').logLikelihood).toBeCloseTo(
      Math.log(2 / 6) + Math.log(1 / 6) + Math.log(1 / 5),
      12,
    );
  });

  it('names split-layout boundaries in the terms', () => {
    const split = BigramModel.fit(items, Vocab.fromItems(items, { layout: 'split' }));
    expect(split.logLikelihood('b').terms.map(({ prev, next }) => `${prev}→${next}`)).toEqual([
      '<START>→b',
      'b→<END>',
    ]);
  });

  it('throws UNKNOWN_CHARACTER for a character outside the vocabulary', () => {
    expectDataError(
      () => model.logLikelihood('abc'),
      'UNKNOWN_CHARACTER',
      `Unknown character 'c' (U+0063) at position 2 of "abc"; it is not in the vocabulary of 2 characters.`,
    );
  });
});

describe('BigramModel.averageNll', () => {
  it('is minus the summed log-likelihood over the number of bigrams', () => {
    const model = BigramModel.fit(items, vocab, { smoothing: 0 });
    const { nll, tokens } = model.averageNll(items);
    expect(tokens).toBe(8);
    const total = items.reduce((sum, item) => sum + model.logLikelihood(item).logLikelihood, 0);
    expect(nll).toBeCloseTo(-total / 8, 15);
  });

  it('is Infinity when an item is impossible for the model', () => {
    expect(BigramModel.fit(items, vocab, { smoothing: 0 }).averageNll(['ba']).nll).toBe(
      Number.POSITIVE_INFINITY,
    );
  });

  it('refuses an empty list', () => {
    expectDataError(
      () => BigramModel.fit(items, vocab).averageNll([]),
      'EMPTY',
      'There are no items to evaluate the model on; give at least one item.',
    );
  });

  it('property: both layouts give the same NLL for any smoothing', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c') }), { minLength: 1, maxLength: 20 }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (words, smoothing) => {
          fc.pre(smoothing > 0 || words.length > 0);
          const shared = BigramModel.fit(words, Vocab.fromItems(words), { smoothing });
          const split = BigramModel.fit(words, Vocab.fromItems(words, { layout: 'split' }), { smoothing });
          const a = shared.averageNll(words).nll;
          const b = split.averageNll(words).nll;
          if (Number.isFinite(a)) expect(b).toBeCloseTo(a, 10);
          else expect(b).toBe(a);
        },
      ),
    );
  });
});

describe('BigramModel.sample', () => {
  const names = TEN_NAMES;
  const model = BigramModel.fit(names, Vocab.fromItems(names));

  it('gives the same words for the same seed and other words for another seed', () => {
    const first = model.sample(20, { seed: 2147483647 });
    expect(first).toHaveLength(20);
    expect(model.sample(20, { seed: 2147483647 })).toEqual(first);
    expect(model.sample(20, { seed: 1 })).not.toEqual(first);
  });

  it('pins the words of seed 2147483647, so the sampler cannot silently change', () => {
    expect(model.sample(5, { seed: 2147483647 })).toEqual(PINNED_SAMPLES);
  });

  it('only uses characters of the vocabulary and respects maxLength', () => {
    for (const word of model.sample(200, { seed: 3, maxLength: 4 })) {
      expect([...word].length).toBeLessThanOrEqual(4);
      for (const char of word) expect(model.vocab.has(char)).toBe(true);
    }
  });

  it('reproduces a deterministic model exactly', () => {
    const deterministic = BigramModel.fit(['abc'], Vocab.fromItems(['abc']), { smoothing: 0 });
    expect(deterministic.sample(3, { seed: 9 })).toEqual(['abc', 'abc', 'abc']);
    expect(deterministic.sample(2, { seed: 9, maxLength: 2 })).toEqual(['ab', 'ab']);
  });

  it('draws each next token with its probability', () => {
    // P(. → a) = 3/4, P(. → b) = 1/4, then the word ends.
    const coin = BigramModel.fit(['a', 'a', 'a', 'b'], Vocab.fromItems(['ab']), { smoothing: 0 });
    const words = coin.sample(20_000, { seed: 11 });
    const share = words.filter((word) => word === 'a').length / words.length;
    // 5 standard deviations of the share is about 0.0153.
    expect(Math.abs(share - 0.75)).toBeLessThan(0.0153);
    expect(new Set(words)).toEqual(new Set(['a', 'b']));
  });

  it('samples split-layout models without producing boundary names', () => {
    const split = BigramModel.fit(names, Vocab.fromItems(names, { layout: 'split' }));
    for (const word of split.sample(50, { seed: 5 })) {
      expect(word).not.toContain('<');
    }
  });

  it('gives an empty list for count 0', () => {
    expect(model.sample(0, { seed: 1 })).toEqual([]);
  });

  it.each([-1, 1.5, Number.NaN])('refuses count %s', (count) => {
    expectDataError(
      () => model.sample(count, { seed: 1 }),
      'BAD_ARGUMENT',
      `The number of samples must be an integer of at least 0, not ${count}.`,
    );
  });

  it.each([0, 2.5])('refuses maxLength %s', (maxLength) => {
    expectDataError(
      () => model.sample(1, { seed: 1, maxLength }),
      'BAD_ARGUMENT',
      `The maximum length must be an integer of at least 1, not ${maxLength}.`,
    );
  });

  it('refuses a bad seed', () => {
    expectDataError(
      () => model.sample(1, { seed: -1 }),
      'BAD_ARGUMENT',
      'The seed must be an integer from 0 to 4294967295, not -1.',
    );
  });

  it('refuses to sample a model that cannot start a word', () => {
    expectDataError(
      () => BigramModel.fit([], Vocab.fromItems(['a']), { smoothing: 0 }).sample(1, { seed: 1 }),
      'BAD_ARGUMENT',
      'The model cannot start a word: it was fitted on no items and has no smoothing; fit it on at least one item.',
    );
  });

  it('ends a word at a character that was never followed by anything', () => {
    // 'b' is only in the vocabulary; with smoothing 0 it has an empty row, which must not loop or throw.
    const counts = BigramCounts.fromArray(Vocab.fromItems(['ab']), [0, 0, 1, 0, 0, 0, 0, 0, 0]);
    expect(BigramModel.fromCounts(counts, 0).sample(2, { seed: 1 })).toEqual(['b', 'b']);
  });
});

describe('BigramModel JSON', () => {
  const model = BigramModel.fit(['emma', 'olivia', 'ava'], Vocab.fromItems(['emma', 'olivia', 'ava']), {
    smoothing: 0.5,
  });

  it('round-trips through JSON text', () => {
    const json = model.toJSON();
    expect(json.version).toBe(1);
    expect(json.smoothing).toBe(0.5);
    expect(json.vocab).toEqual({ layout: 'shared', chars: ['a', 'e', 'i', 'l', 'm', 'o', 'v'] });
    expect(json.counts).toHaveLength(64);
    const back = BigramModel.fromJSON(JSON.parse(JSON.stringify(json)));
    expect(back.vocab.itos).toEqual(model.vocab.itos);
    expect(back.smoothing).toBe(0.5);
    expect(back.counts.counts).toEqual(model.counts.counts);
    expect(back.probabilities()).toEqual(model.probabilities());
    expect(back.sample(5, { seed: 4 })).toEqual(model.sample(5, { seed: 4 }));
  });

  it('round-trips the split layout', () => {
    const split = BigramModel.fit(['a.b'], Vocab.fromItems(['a.b'], { layout: 'split' }), { smoothing: 0 });
    const back = BigramModel.fromJSON(JSON.parse(JSON.stringify(split)));
    expect(back.vocab.layout).toBe('split');
    expect(back.probabilities()).toEqual(split.probabilities());
  });

  const valid = () => JSON.parse(JSON.stringify(model.toJSON())) as Record<string, unknown>;
  const prefix = 'The bigram model JSON is invalid: ';
  const suffix = '; pass the output of BigramModel.toJSON().';

  it.each([
    ['null', () => null, 'it is not an object'],
    ['an array', () => [], 'it is not an object'],
    ['a missing version', () => ({ ...valid(), version: undefined }), 'its version is missing, not 1'],
    ['version 2', () => ({ ...valid(), version: 2 }), 'its version is 2, not 1'],
    ['a string smoothing', () => ({ ...valid(), smoothing: '1' }), 'its smoothing is not a number'],
    ['counts as an object', () => ({ ...valid(), counts: {} }), 'its counts is not an array'],
    ['no vocab', () => ({ ...valid(), vocab: undefined }), 'it has no vocab'],
  ])('refuses %s', (_label, make, problem) => {
    expectDataError(() => BigramModel.fromJSON(make()), 'BAD_ARGUMENT', `${prefix}${problem}${suffix}`);
  });

  it('refuses a bad vocabulary, a bad smoothing and bad counts with their own messages', () => {
    expectDataError(
      () => BigramModel.fromJSON({ ...valid(), vocab: { layout: 'shared', chars: ['a', 'a'] } }),
      'BAD_ARGUMENT',
      /^The vocabulary JSON is invalid: chars\[1\] repeats 'a' \(U\+0061\)/,
    );
    expectDataError(
      () => BigramModel.fromJSON({ ...valid(), smoothing: -2 }),
      'BAD_ARGUMENT',
      'The smoothing must be a finite number of at least 0 (the lecture uses 1), not -2.',
    );
    expectDataError(
      () => BigramModel.fromJSON({ ...valid(), counts: [1, 2] }),
      'BAD_ARGUMENT',
      'The bigram counts have 2 entries but a vocabulary of 8 tokens needs 64 (8 × 8).',
    );
    const counts = (valid().counts as number[]).slice();
    counts[10] = -4;
    expectDataError(
      () => BigramModel.fromJSON({ ...valid(), counts }),
      'BAD_ARGUMENT',
      'Bigram count 10 is -4, not an integer from 0 to 2147483647.',
    );
  });
});

// Computed once with pure-rand 8.4.2; with α = 1 the shared layout can end a word at once, hence ''.
const PINNED_SAMPLES = ['', 'aba', 'irvemmoyibbhavnvg', 'a', 'homagah'];
