import { splitItems } from '@makemore/data';
import { afterAll, describe, expect, it } from 'vitest';
import { knownItemsOf } from './known-items.js';
import { loadModelFiles } from './load-model-files.js';
import { sampleModel } from './sample.js';
import { CliModels, HAVE_CLI, readDirectory, TINY_NAMES } from './test-support/cli-model-dirs.js';

describe.skipIf(!HAVE_CLI)('knownItemsOf', () => {
  const cli = new CliModels();
  afterAll(() => cli.remove());

  it('rebuilds the split a neural model records, and marks samples as `makemore sample` does', async () => {
    const dir = cli.train('gru');
    const loaded = loadModelFiles(readDirectory(dir));
    const known = await knownItemsOf(loaded, TINY_NAMES);
    // gru's recipe splits as makemore.py does, with the seed in training-state.json.
    expect(known).toEqual(splitItems(TINY_NAMES, { seed: 3407, scheme: 'makemore-torch' }));
    const page = await sampleModel(loaded.model, known!, {
      count: 20,
      temperature: 1,
      topK: null,
      topP: null,
      prefix: '',
      seed: 11,
    });
    const fromCli = cli.json<{ sample: string; status: string }>([
      'sample',
      '--model-dir',
      dir,
      '-n',
      '20',
      '--seed',
      '11',
    ]);
    expect(page.samples).toEqual(fromCli.map(({ sample, status }) => ({ sample, status })));
    loaded.dispose();
  });

  it('rebuilds a count model’s split from its config, lower-casing as the config records', async () => {
    const files = readDirectory(cli.train('bigram'));
    const loaded = loadModelFiles(files);
    // The bigram's default split is none: every item trains.
    expect(await knownItemsOf(loaded, TINY_NAMES)).toEqual({ train: TINY_NAMES, val: [], test: [] });
    const shouted = TINY_NAMES.map((name) => name.toUpperCase());
    const withLowercase = (lowercase: boolean | undefined) => ({
      config: { ...loaded.config, data: { ...loaded.config.data, lowercase } },
      state: null,
    });
    expect(await knownItemsOf(withLowercase(false), shouted)).toBeNull();
    const everyItemTrains = { train: TINY_NAMES, val: [], test: [] };
    expect(await knownItemsOf(withLowercase(true), shouted)).toEqual(everyItemTrains);
    // Without --lowercase the CLI records nothing, and the fingerprint tells, as for the CLI.
    expect(loaded.config.data.lowercase).toBeUndefined();
    expect(await knownItemsOf(loaded, shouted)).toEqual(everyItemTrains);
  });

  it('gives null for other data, or a neural model without its training state', async () => {
    const files = readDirectory(cli.train('mlp'));
    const loaded = loadModelFiles(files);
    expect(await knownItemsOf(loaded, TINY_NAMES.slice(1))).toBeNull();
    expect(await knownItemsOf({ config: loaded.config, state: null }, TINY_NAMES)).toBeNull();
    loaded.dispose();
  });
});
