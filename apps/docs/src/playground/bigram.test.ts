import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointError } from '@makemore/train';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_BIN } from '../../scripts/cli-reference.mjs';
import { cliJson } from '../test-support/cli-json.js';
import { bigramModelFiles, loadBigramFiles, trainBigram } from './bigram.js';
import { loadPlaygroundData, PASTED_LINES_FILE } from './data.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the playground bigram', () => {
  const data = loadPlaygroundData({ kind: 'builtin' }, 3407);
  const trained = trainBigram(data, 1, 3407);

  it('is trained on every item, as `makemore train --model bigram` does', () => {
    expect(data.items).toHaveLength(8422);
    // One bigram per character and one for the end of each item.
    expect(trained.model.counts.total).toBe(data.items.reduce((n, item) => n + [...item].length + 1, 0));
    expect(trained.model.vocab.size).toBe(28);
  });

  it('round-trips through its model directory', async () => {
    const files = await bigramModelFiles(trained, new Date(0));
    expect([...files.keys()].sort()).toEqual(['config.json', 'model.safetensors']);
    const { model, directory } = loadBigramFiles(files);
    expect(directory.config.data.source).toBe('first-names');
    expect(model.sample(5, { seed: 1 })).toEqual(trained.model.sample(5, { seed: 1 }));
  });

  it.skipIf(!existsSync(CLI_BIN))(
    'writes a directory that the makemore CLI samples from, with novelty marks',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'makemore-docs-'));
      dirs.push(dir);
      for (const [name, bytes] of await bigramModelFiles(trained)) writeFileSync(join(dir, name), bytes);
      const samples = cliJson<{ sample: string; status: string }>(['sample', '--model-dir', dir, '-n', '5']);
      expect(samples).toHaveLength(5);
      // The CLI rebuilt the split ('none': every item trains) from the recorded source, seed and split.
      expect(samples.every((s) => ['new', 'train'].includes(s.status))).toBe(true);
    },
  );

  it('refuses a directory without weights, or with weights of another shape', async () => {
    const files = await bigramModelFiles(trained);
    const noWeights = new Map(files);
    noWeights.delete('model.safetensors');
    expect(() => loadBigramFiles(noWeights)).toThrow(CheckpointError);
    const small = await bigramModelFiles(
      trainBigram(loadPlaygroundData({ kind: 'lines', text: 'ab\nba' }, 1), 1, 1),
    );
    const mixed = new Map(files).set('model.safetensors', small.get('model.safetensors')!);
    expect(() => loadBigramFiles(mixed)).toThrow(/counts/);
  });

  it('records pasted lines under a file name the CLI can be pointed at', () => {
    const pasted = loadPlaygroundData({ kind: 'lines', text: 'Emma\r\n\nava\n' }, 1);
    expect(pasted.items).toEqual(['Emma', 'ava']);
    expect(pasted.source).toBe(PASTED_LINES_FILE);
    expect(() => loadPlaygroundData({ kind: 'lines', text: '\n \n' }, 1)).toThrow(/pasted text/);
  });
});
