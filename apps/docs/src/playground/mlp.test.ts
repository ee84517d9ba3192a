import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectDevice } from '@makemore/gpu';
import { getDefaultBackend, setDefaultBackend } from '@makemore/tensor';
import { afterEach, describe, expect, it } from 'vitest';
import { CLI_BIN } from '../../scripts/cli-reference.mjs';
import { cliJson } from '../test-support/cli-json.js';
import { embeddingScatterSvg, lossChartSvg } from './charts.js';
import { loadPlaygroundData, type PlaygroundData } from './data.js';
import { MlpTrainer } from './mlp.js';
import { loadModelFiles } from './model-files.js';

// MlpTrainer.create makes the device's backend the default, as the page does; put the CPU one back.
const cpu = getDefaultBackend();
afterEach(() => {
  setDefaultBackend(cpu);
});

/** The first 500 names, so that a few steps on gpu.js's webasm mode stay quick. */
function smallData(): PlaygroundData {
  const data = loadPlaygroundData({ kind: 'builtin' }, 3407);
  const { train, val, test } = data.split;
  return { ...data, split: { train: train.slice(0, 500), val: val.slice(0, 50), test: test.slice(0, 50) } };
}

describe('the playground MLP', () => {
  it('trains on the cpu backend with the loss going down, draws its charts and saves a model the CLI reads', async () => {
    const data = loadPlaygroundData({ kind: 'builtin' }, 3407);
    const trainer = await MlpTrainer.create(data, {
      seed: 3407,
      steps: 100,
      device: selectDevice('cpu', { cpu }),
    });
    expect(trainer.device.kind).toBe('cpu');
    expect(getDefaultBackend()).toBe(cpu);
    expect(trainer.stepsPerSecond).toBe(0);
    const progress: number[] = [];
    const done = await trainer.train(async (step) => {
      progress.push(step);
    }, 25);
    expect(progress).toEqual([25, 50, 75, 100]);
    expect(trainer.losses).toHaveLength(100);
    expect(trainer.stepsPerSecond).toBeGreaterThan(0);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(trainer.losses.slice(-10))).toBeLessThan(mean(trainer.losses.slice(0, 10)));
    expect(done.val).toBeLessThan(mean(trainer.losses.slice(0, 10)));

    const points = await trainer.embedding();
    expect(points.map((p) => p.label).join('')).toBe('.-abcdefghijklmnopqrstuvwxyz');
    expect(embeddingScatterSvg(points).match(/<circle /g)).toHaveLength(28);
    expect(lossChartSvg(trainer.losses)).toContain('<polyline');

    const files = await trainer.modelFiles();
    expect([...files.keys()]).toEqual(['config.json', 'model.safetensors', 'training-state.json']);
    const loaded = loadModelFiles(files);
    expect(loaded.summary).toContain('mlp model, 28 tokens');
    expect(loaded.model.nextTokenLogProbs([[0]])).toHaveLength(28);
    loaded.dispose();
    expect(() => loaded.model.nextTokenLogProbs([[0]])).toThrow();
    if (existsSync(CLI_BIN)) {
      const dir = mkdtempSync(join(tmpdir(), 'makemore-docs-mlp-'));
      try {
        for (const [name, bytes] of files) writeFileSync(join(dir, name), bytes);
        const samples = cliJson<{ status: string }>(['sample', '--model-dir', dir, '-n', '3']);
        expect(samples).toHaveLength(3);
        // training-state.json gave the CLI the split's seed, so every sample has a novelty mark.
        expect(samples.every((s) => ['new', 'train', 'val', 'test'].includes(s.status))).toBe(true);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });

  it('trains on the gpu.js backend (webasm mode here) with the same losses as on the cpu backend', async () => {
    const data = smallData();
    const losses: number[][] = [];
    for (const device of [selectDevice('cpu', { cpu }), selectDevice('webasm')]) {
      const trainer = await MlpTrainer.create(data, { seed: 3407, steps: 20, device });
      // The model is created on the device's backend, which is now the default for new tensors.
      expect(getDefaultBackend()).toBe(device.backend);
      expect(trainer.run.model.parameters().every((p) => p.backend === device.backend)).toBe(true);
      await trainer.train(async () => {});
      losses.push(trainer.losses);
      expect(await trainer.embedding()).toHaveLength(28);
      trainer.dispose();
      await expect(trainer.embedding()).rejects.toThrow();
    }
    const [onCpu, onGpu] = losses as [number[], number[]];
    expect(onGpu).toHaveLength(20);
    expect(onGpu[19]!).toBeLessThan(onGpu[0]! * 0.75);
    for (const [i, loss] of onGpu.entries()) expect(loss).toBeCloseTo(onCpu[i]!, 3);
  });

  it('draws an empty chart before the first step', () => {
    expect(lossChartSvg([])).not.toContain('<polyline');
  });
});
