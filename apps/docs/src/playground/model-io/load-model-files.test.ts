import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CheckpointError } from '@makemore/train';
import { afterAll, describe, expect, it } from 'vitest';
import { loadModelFiles } from './load-model-files.js';
import { CliModels, HAVE_CLI, readDirectory } from './test-support/cli-model-dirs.js';
import { filesFromZip, modelZip } from './zip.js';

function installed(tool: string): boolean {
  try {
    execFileSync(tool, ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const HAVE_ZIP = installed('zip');
const HAVE_UNZIP = installed('unzip');

// The next-token distributions of a few contexts: equal for two loads of the same weights.
async function fingerprint(files: ReadonlyMap<string, Uint8Array>): Promise<number[]> {
  const loaded = loadModelFiles(files);
  const { startId } = loaded.model.vocab;
  const rows = await loaded.model.nextTokenLogProbs([[startId], [startId, 0, 1]]);
  loaded.dispose();
  return [...rows];
}

describe.skipIf(!HAVE_CLI)('loadModelFiles, on model directories the CLI wrote', () => {
  const cli = new CliModels();
  afterAll(() => cli.remove());

  it.each([
    ['bigram', /^bigram model, 16 tokens, 256 parameters, trained on 12 items of names\.txt$/],
    ['ngram', /^ngram model, 16 tokens, 736 parameters, trained on 12 items of names\.txt$/],
    [
      'mlp',
      /^mlp model, 16 tokens, [\d,]+ parameters, trained on 12 items of names\.txt; 5 steps, best val loss \d+\.\d{4} at step 5$/,
    ],
    [
      'gru',
      /^gru model, 16 tokens, [\d,]+ parameters, trained on 12 items of names\.txt; 5 steps, best test loss \d\.\d{4} at step 5$/,
    ],
    [
      'transformer',
      /^transformer model, 16 tokens, [\d,]+ parameters, trained on 12 items of names\.txt; 5 steps, best test loss/,
    ],
  ])('loads a %s from its files, from a modelZip and from a zip tool’s zip', async (model, summary) => {
    const dir = cli.train(model);
    const files = readDirectory(dir);
    const loaded = loadModelFiles(files);
    expect(loaded.config.model).toBe(model);
    expect(loaded.summary).toMatch(summary);
    expect(loaded.state === null).toBe(model === 'bigram' || model === 'ngram');
    loaded.dispose();

    const expected = await fingerprint(files);
    const zipped = filesFromZip(modelZip(files));
    // The resume-only files stay behind: sampling does not need them.
    expect([...zipped.keys()].sort()).toEqual(
      [...files.keys()]
        .filter((name) => !['last.safetensors', 'optimizer.safetensors'].includes(name))
        .sort(),
    );
    expect(await fingerprint(zipped)).toEqual(expected);
    if (!HAVE_ZIP) {
      console.warn('zip is not installed: skipping the zip made by the zip tool');
      return;
    }
    // `zip -r gru.zip gru` from the models' folder: the directory in one folder.
    execFileSync('zip', ['-qr', `${model}.zip`, model], { cwd: cli.root });
    const fromTool = filesFromZip(new Uint8Array(readFileSync(join(cli.root, `${model}.zip`))));
    expect(await fingerprint(fromTool)).toEqual(expected);
  });

  it('makes a zip that `unzip` turns into a directory `makemore sample --model-dir` reads', (context) => {
    if (!HAVE_UNZIP) {
      context.skip('unzip is not installed');
      return;
    }
    const files = readDirectory(cli.train('transformer'));
    writeFileSync(join(cli.root, 'download.zip'), modelZip(files, 'downloaded'));
    execFileSync('unzip', ['-q', 'download.zip'], { cwd: cli.root });
    const samples = cli.json<{ sample: string; status: string }>([
      'sample',
      '--model-dir',
      'downloaded',
      '-n',
      '3',
    ]);
    expect(samples).toHaveLength(3);
    // training-state.json came along, so the CLI rebuilt the split to mark each sample.
    expect(samples.every((s) => ['new', 'train', 'val', 'test'].includes(s.status))).toBe(true);
  });

  it('names the missing file, and samples a directory whose training state is damaged', () => {
    const files = readDirectory(cli.train('mlp'));
    for (const name of ['config.json', 'model.safetensors']) {
      const without = new Map(files);
      without.delete(name);
      expect(() => loadModelFiles(without)).toThrow(CheckpointError);
      expect(() => loadModelFiles(without)).toThrow(`The model directory has no ${name};`);
    }
    const damaged = new Map(files).set('training-state.json', new TextEncoder().encode('{"step":'));
    const loaded = loadModelFiles(damaged);
    expect(loaded.state).toBeNull();
    expect(loaded.summary).not.toContain('steps');
    expect(loaded.model.nextTokenLogProbs([[0]])).toHaveLength(16);
    // dispose frees the network's tensors: the model cannot be used after.
    loaded.dispose();
    expect(() => loaded.model.nextTokenLogProbs([[0]])).toThrow();
  });

  it('reads text as a model trained on lower-cased items does', () => {
    const files = readDirectory(cli.train('bigram'));
    const config = JSON.parse(new TextDecoder().decode(files.get('config.json')));
    const loaded = loadModelFiles(files);
    expect(loaded.asTrained('Em')).toBe('Em');
    config.data.lowercase = true;
    const lowered = loadModelFiles(
      new Map(files).set('config.json', new TextEncoder().encode(JSON.stringify(config))),
    );
    expect(lowered.asTrained('Em')).toBe('em');
    expect(lowered.summary).toContain('of names.txt (lower-cased)');
  });
});
