import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEmbeddedDataset } from '@makemore/data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_BIN } from '../scripts/cli-reference.mjs';
import { cliJson } from './test-support/cli-json.js';

// The guide's `makemore` commands (examples/train-*.sh) are run with the built CLI, as written, with
// a few overrides appended so that they finish in seconds: 2 steps, 40 names, a temporary folder.
// Commander keeps the last value of a repeated option, so everything else is the guide's.
const examplesDir = new URL('../examples/', import.meta.url);
const files = readdirSync(examplesDir)
  .filter((name) => /^train-.*\.sh$/.test(name))
  .sort();

const HYPERPARAMETER_FLAGS: Record<string, string> = {
  '--block-size': 'blockSize',
  '--n-embd': 'nEmbd',
  '--n-hidden': 'nHidden',
  '--n-layer': 'nLayer',
  '--n-head': 'nHead',
};
const RECIPE_FLAGS: Record<string, string> = {
  '--lr': 'lr',
  '--lr-decay-at': 'lrDecayAt',
  '--batch-size': 'batchSize',
  '--weight-decay': 'weightDecay',
};

type CliEvent = Record<string, unknown> & { event?: string };

const commands = (name: string) =>
  readFileSync(new URL(name, examplesDir), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => line.trim().split(/\s+/));

const optionValue = (args: readonly string[], flag: string): string | undefined => {
  const i = args.indexOf(flag);
  return i < 0 ? undefined : args[i + 1];
};

describe.skipIf(!existsSync(CLI_BIN) && process.env['CI'] !== 'true')("the guide's makemore commands", () => {
  let dir: string;
  let data: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'makemore-docs-cli-'));
    data = join(dir, 'names.txt');
    writeFileSync(data, `${loadEmbeddedDataset('first-names').slice(0, 40).join('\n')}\n`);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('exist, one file per model chapter', () => {
    expect(files).toEqual([
      'train-mlp-bn.sh',
      'train-rnn-gru.sh',
      'train-transformer.sh',
      'train-wavenet.sh',
    ]);
  });

  it.each(files)('%s trains and samples with the options it names', (name) => {
    // The guide's --out folders, mapped to temporary ones.
    const outs = new Map<string, string>();
    const lines = commands(name);
    expect(lines.length).toBeGreaterThan(0);
    for (const [command, subcommand, ...args] of lines) {
      expect(command).toBe('makemore');
      if (subcommand === 'train') {
        const model = optionValue(args, '--model');
        const guideOut = optionValue(args, '--out');
        expect(model, 'every train command names its model').toBeDefined();
        expect(guideOut, 'every train command names its folder').toBeDefined();
        const out = join(dir, `${name}-${outs.size}`);
        outs.set(guideOut!, out);
        const quick = ['--steps', '2', '--eval-every', '2', '--samples', '0', '--data', data, '--out', out];
        const events = cliJson<CliEvent>(['train', ...args, ...quick]);
        const start = events.find((e) => e.event === 'start')!;
        expect(start['model']).toBe(model);
        for (const [flag, key] of Object.entries(HYPERPARAMETER_FLAGS)) {
          const value = optionValue(args, flag);
          if (value !== undefined) expect(start['hyperparameters']).toHaveProperty(key, Number(value));
        }
        for (const [flag, key] of Object.entries(RECIPE_FLAGS)) {
          const value = optionValue(args, flag);
          if (value !== undefined) expect(start['recipe']).toHaveProperty(key, Number(value));
        }
        expect(events.at(-1)).toMatchObject({ event: 'done', steps: 2, cancelled: false });
      } else if (subcommand === 'sample') {
        const modelDir = outs.get(optionValue(args, '--model-dir') ?? '');
        expect(modelDir, `${name}: sample reads a folder that a train command above wrote`).toBeDefined();
        const samples = cliJson<CliEvent>(['sample', ...args, '--model-dir', modelDir!]);
        expect(samples).toHaveLength(Number(optionValue(args, '-n') ?? 10));
        for (const s of samples) expect(typeof s['sample']).toBe('string');
      } else {
        expect.fail(`${name}: only makemore train and makemore sample are run here, got ${subcommand}`);
      }
    }
  });
});
