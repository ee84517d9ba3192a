import { describe, expect, it } from 'vitest';
import { resumeTrainingRun } from '../loop/training-run.js';
import { smallNames, trainRecorded } from '../test-support/fixtures.js';
import { DIAGNOSTICS_FILE, parseDiagnostics } from './diagnostics-format.js';

const names = await smallNames(200);
const setup = {
  model: 'mlp-bn',
  hyperparameters: { nEmbd: 4, nHidden: 16 },
  recipe: { steps: 10, evalEvery: 4, batchSize: 8 },
};

describe('train({ diagnostics: true })', () => {
  it('records each evaluation’s step just before its eval event and saves the records with the checkpoint', async () => {
    const { rec } = await trainRecorded(names, setup, { diagnostics: true });
    const kinds = rec.events.map((e) =>
      e.event === 'diagnostics' || e.event === 'eval' ? `${e.event}@${e.step}` : null,
    );
    expect(kinds.filter((k) => k !== null)).toEqual([
      'diagnostics@4',
      'eval@4',
      'diagnostics@8',
      'eval@8',
      'diagnostics@10',
      'eval@10',
    ]);
    const file = parseDiagnostics(rec.saves.at(-1)!.get(DIAGNOSTICS_FILE)!);
    expect(file.model).toBe('mlp-bn');
    expect(file.records.map((r) => r.step)).toEqual([4, 8, 10]);
    const last = file.records.at(-1)!;
    expect(last.layers.map((l) => l.name)).toEqual(['hpreact', 'bn', 'h']);
    // BatchNorm's output is standardised over the batch.
    const bn = last.layers[1]!;
    expect(Math.abs(bn.activation.mean)).toBeLessThan(0.1);
    expect(bn.activation.std).toBeGreaterThan(0.8);
    expect(last.parameters.map((p) => p.name)).toEqual(['C', 'W1', 'b1', 'W2', 'b2', 'bn.gamma', 'bn.beta']);
    for (const p of last.parameters.filter((p) => p.shape.length === 2))
      expect(Number.isFinite(p.updateToData)).toBe(true);
    // Each checkpoint holds the records so far, so the file always matches its checkpoint's step.
    expect(parseDiagnostics(rec.saves[0]!.get(DIAGNOSTICS_FILE)!).records).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(rec.events))).toEqual(rec.events);
  });

  it('trains exactly as without diagnostics', async () => {
    const watched = await trainRecorded(names, setup, { diagnostics: true, logEvery: 1 });
    const plain = await trainRecorded(names, setup, { logEvery: 1 });
    expect(watched.rec.losses()).toEqual(plain.rec.losses());
    expect(watched.done.val).toBe(plain.done.val);
  });

  it('records nothing and writes no file without the option', async () => {
    const { rec } = await trainRecorded(names, setup);
    expect(rec.events.some((e) => e.event === 'diagnostics')).toBe(false);
    expect(rec.saves.every((files) => !files.has(DIAGNOSTICS_FILE))).toBe(true);
  });

  it('appends a resumed run’s records to the checkpoint’s', async () => {
    const { rec } = await trainRecorded(names, setup, { diagnostics: true });
    const run = resumeTrainingRun(rec.saves.at(-1)!, {
      split: names.split,
      data: names.data,
      recipe: { steps: 12 },
    });
    const saves: Map<string, Uint8Array>[] = [];
    await run.train({ diagnostics: true, save: async (files) => void saves.push(files) });
    expect(parseDiagnostics(saves.at(-1)!.get(DIAGNOSTICS_FILE)!).records.map((r) => r.step)).toEqual([
      4, 8, 10, 12,
    ]);
  });
});
