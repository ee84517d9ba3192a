import { averageNll } from '@makemore/sampling';
import { describe, expect, it } from 'vitest';
import { trainBigram } from '../bigram.js';
import { loadPlaygroundData } from '../data.js';
import { scoreItems } from './score-items.js';

describe('scoreItems', () => {
  const { model } = trainBigram(loadPlaygroundData({ kind: 'builtin' }, 3407), 1, 3407);

  it('gives each item its NLL per token and the average over all their tokens, as averageNll', async () => {
    const items = ['emma', 'andrej', 'zzq'];
    const scores = await scoreItems(model, items);
    expect(scores.items.map((s) => s.item)).toEqual(items);
    for (const [i, score] of scores.items.entries()) {
      if ('error' in score) throw new Error(score.error);
      const item = items[i]!;
      expect(score.tokens).toBe(item.length + 1);
      expect(score.nll).toBeCloseTo(-model.logLikelihood(item).logLikelihood / (item.length + 1), 10);
    }
    const average = await averageNll(model, items);
    expect(scores.average).toBeCloseTo(average.nll, 12);
    expect(scores.tokens).toBe(average.tokens);
    // A name is far more likely than a jumble.
    const [emma, , zzq] = scores.items as { nll: number }[];
    expect(emma!.nll).toBeLessThan(zzq!.nll);
  });

  it('reports items with unknown characters and leaves them out of the average', async () => {
    const scores = await scoreItems(model, ['Emma', 'emma', 'Zoë']);
    expect(scores.items[0]).toEqual({
      item: 'Emma',
      error: "It has a character the model never saw in training: 'E' (U+0045).",
    });
    expect(scores.items[2]).toEqual({
      item: 'Zoë',
      error: "It has characters the model never saw in training: 'Z' (U+005A), 'ë' (U+00EB).",
    });
    expect(scores.average).toBeCloseTo((await averageNll(model, ['emma'])).nll, 12);
    expect(await scoreItems(model, ['É'])).toMatchObject({ average: null, tokens: 0 });
  });
});
