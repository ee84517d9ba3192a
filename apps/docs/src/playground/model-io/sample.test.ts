import { SamplingError } from '@makemore/sampling';
import { afterAll, describe, expect, it } from 'vitest';
import { trainBigram } from '../bigram.js';
import { loadPlaygroundData } from '../data.js';
import { loadModelFiles } from './load-model-files.js';
import { DEFAULT_SAMPLE_CONTROLS, type SampleControls, sampleModel } from './sample.js';
import { CliModels, HAVE_CLI, readDirectory } from './test-support/cli-model-dirs.js';

describe('sampleModel', () => {
  const data = loadPlaygroundData({ kind: 'builtin' }, 3407);
  const { model } = trainBigram(data, 1, 3407);
  const sample = (controls: Partial<SampleControls>) =>
    sampleModel(model, {}, { ...DEFAULT_SAMPLE_CONTROLS, ...controls });

  it('marks samples with the split they are in, and draws and returns a seed when given none', async () => {
    const report = await sampleModel(model, data.split, { ...DEFAULT_SAMPLE_CONTROLS, count: 200 });
    expect(report.samples).toHaveLength(200);
    // The count bigram makes up most of its names, and draws some of the dataset's.
    expect(report.counts.new).toBeGreaterThan(100);
    expect(report.counts.train).toBeGreaterThan(0);
    expect(report.counts.new + report.counts.train + report.counts.val + report.counts.test).toBe(200);
    const again = await sample({ count: 200, seed: report.seed });
    expect(again.samples.map((s) => s.sample)).toEqual(report.samples.map((s) => s.sample));
  });

  it('passes on the sampling package’s one-sentence errors', async () => {
    await expect(sample({ temperature: -1 })).rejects.toThrow(
      new SamplingError('BAD_OPTION', 'The temperature must be a number of at least 0, not -1.'),
    );
    await expect(sample({ topP: 1.5 })).rejects.toThrow(
      'top-p must be a number above 0 and at most 1, not 1.5.',
    );
    await expect(sample({ topP: 0 })).rejects.toThrow('top-p must be a number above 0 and at most 1, not 0.');
    await expect(sample({ prefix: 'eX' })).rejects.toThrow(
      /^Unknown character 'X' \(U\+0058\) at position 1 of "eX"/,
    );
  });

  describe.skipIf(!HAVE_CLI)('on a model the CLI trained', () => {
    const cli = new CliModels();
    afterAll(() => cli.remove());

    it('gives the samples `makemore sample` gives with the same controls', async () => {
      const dir = cli.train('gru');
      const loaded = loadModelFiles(readDirectory(dir));
      const controls = { count: 6, temperature: 0.8, topK: 5, topP: 0.9, prefix: 'e', seed: 7 };
      const page = await sampleModel(loaded.model, {}, controls);
      const flags = [
        '-n',
        '6',
        '--temperature',
        '0.8',
        '--top-k',
        '5',
        '--top-p',
        '0.9',
        '--prefix',
        'e',
        '--seed',
        '7',
      ];
      const fromCli = cli.json<{ sample: string }>(['sample', '--model-dir', dir, ...flags]);
      expect(page.samples.map((s) => s.sample)).toEqual(fromCli.map((s) => s.sample));
      expect(page.seed).toBe(7);
      expect(page.samples.every((s) => s.sample.startsWith('e'))).toBe(true);
      loaded.dispose();
    });
  });
});
