import { DataError, Vocab } from '@makemore/data';
import { describe, expect, it } from 'vitest';
import { BigramModel } from './model.js';
import { NGramModel } from './ngram.js';

const items = ['emma', 'olivia', 'ava', 'isabella', 'sophia', 'mia', 'amelia'];
const vocab = Vocab.fromItems(items);
const id = (token: string) => vocab.stoi(token);
const S = vocab.startId;

describe('NGramModel', () => {
  it.each([0, 1, 0.5])('with n = 2 gives the bigram model’s probabilities (smoothing %d)', (smoothing) => {
    const ngram = NGramModel.fromItems(items, vocab, { n: 2, smoothing });
    const bigram = BigramModel.fit(items, vocab, { smoothing });
    // Every context a word can reach; the end token is never a context.
    const sequences = vocab.chars.map((c) => [S, id(c)]).concat([[S]]);
    const expected = [...bigram.nextTokenLogProbs(sequences)];
    expect([...ngram.nextTokenLogProbs(sequences)]).toEqual(
      expected.map((value) => (Number.isFinite(value) ? expect.closeTo(value, 12) : value)),
    );
  });

  it('counts trigrams with the start token as padding, and smooths them', () => {
    const trigram = NGramModel.fromItems(['ab', 'ac', 'ab'], Vocab.fromItems(['ab', 'ac']), {
      n: 3,
      smoothing: 1,
    });
    const v = trigram.vocab;
    // Context (., a) was followed by b twice and c once; tokens ., a, b, c: (0+1)/(3+4), (0+1)/7,
    // (2+1)/7, (1+1)/7.
    const afterStartA = [...trigram.nextTokenLogProbs([[v.startId, v.stoi('a')]])].map(Math.exp);
    expect(afterStartA).toEqual([1 / 7, 1 / 7, 3 / 7, 2 / 7].map((p) => expect.closeTo(p, 12)));
    // Context (., .) at the start of a word: a three times.
    expect(Math.exp(trigram.nextTokenLogProbs([[v.startId]])[v.stoi('a')]!)).toBeCloseTo(4 / 7, 12);
  });

  it('gives an unseen context the uniform distribution', () => {
    const trigram = NGramModel.fromItems(items, vocab, { n: 3, smoothing: 0 });
    const row = trigram.nextTokenLogProbs([[S, id('v'), id('v')]]);
    for (const value of row) expect(value).toBeCloseTo(-Math.log(vocab.size), 12);
  });

  it('round-trips through its tables', () => {
    const model = NGramModel.fromItems(items, vocab, { n: 4, smoothing: 0.1 });
    const again = NGramModel.fromTables(vocab, model.tables(), { n: 4, smoothing: 0.1 });
    expect(again.contextCount).toBe(model.contextCount);
    const sequences = [[S], [S, id('e'), id('m')], [S, id('a'), id('v'), id('a')]];
    expect(again.nextTokenLogProbs(sequences)).toEqual(model.nextTokenLogProbs(sequences));
  });

  it('refuses an order outside 2 to 8 and tables that do not fit', () => {
    expect(() => NGramModel.fromItems(items, vocab, { n: 1 })).toThrow(
      'The n-gram order must be a whole number from 2 to 8, got 1.',
    );
    const { contexts, counts } = NGramModel.fromItems(items, vocab, { n: 3 }).tables();
    expect(() => NGramModel.fromTables(vocab, { contexts, counts: counts.subarray(1) }, { n: 3 })).toThrow(
      DataError,
    );
  });
});
