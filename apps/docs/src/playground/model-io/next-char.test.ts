import { Vocab } from '@makemore/data';
import { afterAll, describe, expect, it } from 'vitest';
import { bigramModelFiles, trainBigram } from '../bigram.js';
import { loadPlaygroundData } from '../data.js';
import { loadModelFiles } from './load-model-files.js';
import { nextCharDistribution, tokenLabel } from './next-char.js';
import { CliModels, HAVE_CLI, readDirectory } from './test-support/cli-model-dirs.js';

describe('nextCharDistribution', () => {
  const trained = trainBigram(loadPlaygroundData({ kind: 'builtin' }, 3407), 1, 3407);

  it('is, for the count bigram, the row of its probability table for the last character', async () => {
    const { model } = trained;
    const bars = await nextCharDistribution(model, 'em');
    const V = model.vocab.size;
    const m = model.vocab.stoi('m');
    const row = model.probabilities().subarray(m * V, (m + 1) * V);
    expect(bars.map((bar) => bar.token)).toEqual(model.vocab.itos);
    for (const [id, bar] of bars.entries()) expect(bar.probability).toBeCloseTo(row[id]!, 12);
    // The same for the bigram loaded from the model directory the page downloads.
    const loaded = loadModelFiles(await bigramModelFiles(trained));
    expect(await nextCharDistribution(loaded.model, 'em')).toEqual(bars);
  });

  it('labels the boundary tokens and invisible characters readably', async () => {
    const bars = await nextCharDistribution(trained.model, '');
    expect(bars[0]).toMatchObject({ token: '.', label: 'END' });
    expect(bars.slice(1, 4).map((bar) => bar.label)).toEqual(['-', 'a', 'b']);
    const split = Vocab.fromItems(['a b', 'c\td\u00a0'], { layout: 'split' });
    const labels = split.itos.map((_, id) => tokenLabel(split, id));
    expect(labels).toEqual(['\\t', '␠', 'a', 'b', 'c', 'd', 'U+00A0', 'START', 'END']);
  });

  it('names a prefix character outside the vocabulary in one sentence', async () => {
    await expect(nextCharDistribution(trained.model, 'é')).rejects.toThrow(
      /^Unknown character 'é' \(U\+00E9\) at position 0 of "é"; it is not in the vocabulary of \d+ characters\.$/,
    );
  });

  describe.skipIf(!HAVE_CLI)('for a trained mlp', () => {
    const cli = new CliModels();
    afterAll(() => cli.remove());

    it('sums to 1', async () => {
      const loaded = loadModelFiles(readDirectory(cli.train('mlp')));
      for (const prefix of ['', 'em', 'isabel']) {
        const bars = await nextCharDistribution(loaded.model, prefix);
        expect(bars).toHaveLength(loaded.model.vocab.size);
        expect(Math.abs(bars.reduce((sum, bar) => sum + bar.probability, 0) - 1)).toBeLessThan(1e-5);
      }
      loaded.dispose();
    });
  });
});
