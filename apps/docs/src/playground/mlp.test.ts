import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_BIN } from '../../scripts/cli-reference.mjs';
import { embeddingScatterSvg, lossChartSvg } from './charts.js';
import { loadPlaygroundData } from './data.js';
import { MlpTrainer } from './mlp.js';
import { loadModelFiles } from './model-files.js';

describe('the playground MLP', () => {
  it('trains on the cpu backend with the loss going down, draws its charts and saves a model the CLI reads', async () => {
    const data = loadPlaygroundData({ kind: 'builtin' }, 3407);
    const trainer = await MlpTrainer.create(data, { seed: 3407, steps: 100 });
    expect(trainer.backend).toBe('cpu');
    const progress: number[] = [];
    const done = await trainer.train(async (step) => {
      progress.push(step);
    }, 25);
    expect(progress).toEqual([25, 50, 75, 100]);
    expect(trainer.losses).toHaveLength(100);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(trainer.losses.slice(-10))).toBeLessThan(mean(trainer.losses.slice(0, 10)));
    expect(done.val).toBeLessThan(mean(trainer.losses.slice(0, 10)));

    const points = trainer.embedding();
    expect(points.map((p) => p.label).join('')).toBe('.-abcdefghijklmnopqrstuvwxyz');
    expect(embeddingScatterSvg(points).match(/<circle /g)).toHaveLength(28);
    expect(lossChartSvg(trainer.losses)).toContain('<polyline');

    const files = trainer.modelFiles();
    expect([...files.keys()]).toEqual(['config.json', 'model.safetensors', 'training-state.json']);
    const loaded = loadModelFiles(files);
    expect(loaded.summary).toContain('mlp model, 28 tokens');
    if (existsSync(CLI_BIN)) {
      const dir = mkdtempSync(join(tmpdir(), 'makemore-docs-mlp-'));
      try {
        for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
        const out = execFileSync(
          process.execPath,
          [CLI_BIN, 'sample', '--model-dir', dir, '-n', '3', '--json'],
          {
            encoding: 'utf8',
          },
        );
        const samples = out
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as { status: string });
        expect(samples).toHaveLength(3);
        // training-state.json gave the CLI the split's seed, so every sample has a novelty mark.
        expect(samples.every((s) => ['new', 'train', 'val', 'test'].includes(s.status))).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('draws an empty chart before the first step', () => {
    expect(lossChartSvg([])).not.toContain('<polyline');
  });
});
