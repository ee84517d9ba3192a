import { Vocab } from '@makemore/data';
import { expect, it } from 'vitest';
import { describeWithNames } from '../../data/src/test-support/names-file.js';
import { BigramCounts } from './counts.js';
import { heatmapSvg } from './heatmap.js';
import { BigramModel } from './model.js';

// Known facts about makemore's names.txt (see ../shared/data/README.md and the first lecture).
describeWithNames('bigram goldens on names.txt', ({ items }) => {
  const shared = Vocab.fromItems(items);
  const split = Vocab.fromItems(items, { layout: 'split' });
  const counts = BigramCounts.fromItems(items, shared);

  it('counts 228,146 bigrams in either layout', () => {
    expect(counts.total).toBe(228_146);
    expect(BigramCounts.fromItems(items, split).total).toBe(228_146);
  });

  it('has the top 5 bigrams of the lecture', () => {
    expect(counts.mostCommon(5)).toEqual([
      { prev: 'n', next: '.', count: 6763 },
      { prev: 'a', next: '.', count: 6640 },
      { prev: 'a', next: 'n', count: 5438 },
      { prev: '.', next: 'a', count: 4410 },
      { prev: 'e', next: '.', count: 3983 },
    ]);
    const splitTop = BigramCounts.fromItems(items, split).mostCommon(5);
    expect(splitTop.map(({ prev, next }) => `${prev}${next}`)).toEqual([
      'n<END>',
      'a<END>',
      'an',
      '<START>a',
      'e<END>',
    ]);
  });

  it('has the first row of the lecture: words start with a 4410 times, b 1306, c 1542', () => {
    const a = shared.stoi('a');
    expect([counts.get(0, a), counts.get(0, a + 1), counts.get(0, a + 2)]).toEqual([4410, 1306, 1542]);
    expect(counts.get(0, 0)).toBe(0);
  });

  it('has an average NLL of 2.4540 without smoothing and 2.4546 with α = 1', () => {
    const raw = BigramModel.fromCounts(counts, 0).averageNll(items);
    expect(raw.tokens).toBe(228_146);
    expect(raw.nll).toBeCloseTo(2.454, 4);
    const smoothed = BigramModel.fromCounts(counts, 1).averageNll(items);
    expect(smoothed.nll).toBeCloseTo(2.4546, 4);
  });

  it('gives the same NLL in the split layout, where smoothing skips impossible bigrams', () => {
    for (const smoothing of [0, 1]) {
      const a = BigramModel.fit(items, shared, { smoothing }).averageNll(items).nll;
      const b = BigramModel.fit(items, split, { smoothing }).averageNll(items).nll;
      expect(b).toBeCloseTo(a, 12);
    }
  });

  it("scores 'jq' as impossible without smoothing and possible with it", () => {
    const raw = BigramModel.fromCounts(counts, 0).logLikelihood('jq');
    expect(raw.logLikelihood).toBe(Number.NEGATIVE_INFINITY);
    expect(raw.terms.map((term) => term.probability === 0)).toEqual([false, true, false]);
    expect(Number.isFinite(BigramModel.fromCounts(counts, 1).logLikelihood('jq').logLikelihood)).toBe(true);
  });

  it("gives the lecture's P('.' → 'a') = 0.1377", () => {
    const row = BigramModel.fromCounts(counts, 0).nextTokenProbabilities(0);
    expect(row[shared.stoi('a')]).toBeCloseTo(0.1377, 4);
  });

  it('draws the full 27 × 27 heatmap', () => {
    const svg = heatmapSvg(counts);
    expect(svg.match(/<rect /g)?.length).toBe(27 * 27);
    expect(svg).toContain('>n.</text>');
    expect(svg).toContain('>6763</text>');
  });
});
