import { buildDataset, MLP, type MlpInit } from '@makemore/models';
import { Generator } from '@makemore/tensor';
import { describe, expect, it } from 'vitest';
import { randomBatch } from '../loop/batches.js';
import { smallNames } from '../test-support/fixtures.js';
import { diagnoseBatch } from './diagnose-batch.js';

const names = await smallNames(400);
const hyperparameters = { blockSize: 3, nEmbd: 10, nHidden: 200 };
const dataset = buildDataset('window', names.split.train, names.vocab, hyperparameters.blockSize);

/** The part-2 MLP's first version: every tensor plain randn, so `hpreact` is far too wide for tanh. */
const LECTURE_BAD_INIT: MlpInit = { W1: 1, b1: 1, W2: 1, b2: 1 };
/** Part 3's fix without BatchNorm: Kaiming-scaled W1 (gain 5/3), small b1, W2 · 0.01, b2 = 0. */
const KAIMING_INIT: MlpInit = { W1: 'kaiming', b1: 0.01, W2: 0.01, b2: 0 };

/** The record of one fresh MLP on one batch of 32, both drawn from `seed`. */
async function freshRecord(init: MlpInit, seed = 2147483647) {
  const generator = new Generator(seed);
  const model = new MLP(hyperparameters, { vocabSize: names.vocab.size, generator }, init);
  const record = await diagnoseBatch(model, randomBatch(dataset, 32, generator), { lr: 0.1 });
  model.dispose();
  return record;
}

const layer = (record: Awaited<ReturnType<typeof freshRecord>>, name: string) =>
  record.layers.find((l) => l.name === name)!;

describe('diagnostics of the part-3 lecture', () => {
  it('finds the randn-initialised tanh layer saturated, and the Kaiming-scaled one much less', async () => {
    const bad = layer(await freshRecord(LECTURE_BAD_INIT), 'h');
    const kaiming = layer(await freshRecord(KAIMING_INIT), 'h');
    expect(bad.tanh).toBe(true);
    expect(bad.saturated!).toBeGreaterThan(0.5);
    // Gain 5/3 keeps hpreact's std near 5/3, so about a fifth of tanh's outputs still pass 0.97 (0.25 here, 0.73 with randn).
    expect(kaiming.saturated!).toBeLessThan(0.35);
    expect(kaiming.saturated!).toBeLessThan(bad.saturated! / 2);
  });

  it('gives update-to-data ratios near the lecture’s 1e-3 for lr 0.1 on the Kaiming-scaled MLP', async () => {
    const record = await freshRecord(KAIMING_INIT);
    const ratios = Object.fromEntries(record.parameters.map((p) => [p.name, p.updateToData]));
    // The lecture's guide line is -3; W2 (drawn · 0.01) starts far above it, as the lecture's last layer does.
    for (const name of ['C', 'W1']) {
      expect(Number.isFinite(ratios[name])).toBe(true);
      expect(ratios[name]!).toBeGreaterThan(-4);
      expect(ratios[name]!).toBeLessThan(-2);
    }
    // b2 starts at zero: its ratio has no data to compare with.
    expect(ratios['b2']).toBeNull();
  });

  it('histograms every value of a layer and of its gradient', async () => {
    const record = await freshRecord(KAIMING_INIT);
    expect(record.layers.map((l) => l.name)).toEqual(['hpreact', 'h']);
    for (const l of record.layers) {
      const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);
      expect(l.count).toBe(32 * hyperparameters.nHidden);
      expect(sum(l.histogram.counts)).toBe(l.count);
      expect(sum(l.gradHistogram!.counts)).toBe(l.count);
      expect(l.histogram.edges).toHaveLength(51);
    }
    expect(layer(record, 'hpreact').saturated).toBeNull();
    expect(layer(record, 'h').saturationMap).toHaveLength(32);
    expect(layer(record, 'h').saturationMap![0]).toHaveLength(hyperparameters.nHidden);
  });
});
