import { readFileSync } from 'node:fs';
import { loadEmbeddedDataset, splitItems, Vocab } from '@makemore/data';
import { describe, expect, test } from 'vitest';
import { CheckpointError } from '../checkpoint-error.js';
import { loadModelDirectory } from '../load-model.js';
import type { TrainingEvent } from '../loop/events.js';
import { TrainingError } from '../loop/training-error.js';
import { createTrainingRun, resumeTrainingRun } from '../loop/training-run.js';
import { TRAINING_STATE_FILE } from '../training-checkpoint.js';
import { loadModel } from './load.js';
import { type TrainModelOptions, trainModel } from './train-model.js';

const names = loadEmbeddedDataset('first-names').slice(0, 400);
const namesFile = new URL('../../../../../shared/data/names.txt', import.meta.url);

async function trainingError(promise: Promise<unknown>): Promise<TrainingError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TrainingError);
  return error as TrainingError;
}

describe('trainModel, one call for a neural model', () => {
  test('trains, reports progress, samples repeatably and saves what loadModel reads back', async () => {
    const events: TrainingEvent[] = [];
    const model = await trainModel(names, {
      model: 'mlp',
      steps: 300,
      seed: 1,
      logEvery: 10,
      onProgress: (event) => {
        events.push(event);
      },
    });
    expect(model.type).toBe('mlp');
    expect(events[0]?.event).toBe('start');
    expect(events.at(-1)).toEqual(model.training);
    expect(model.training?.steps).toBe(300);
    // It learned: the saved weights beat the loss of the first batches by far.
    const first = events.find((event) => event.event === 'step');
    expect(first?.event === 'step' && first.step).toBe(10);
    expect(model.training!.val!).toBeLessThan(0.5 * (first?.event === 'step' ? first.loss : 0));
    expect(model.config.data).toMatchObject({ source: 'items', items: 400 });
    expect(model.config.data.fingerprint).toMatch(/^[0-9a-f]{64}$/);

    const five = await model.sample({ count: 5, seed: 7 });
    expect(five.seed).toBe(7);
    expect(five.items).toHaveLength(5);
    for (const item of five.items) for (const ch of item) expect(model.vocab.chars).toContain(ch);
    expect((await model.sample({ count: 20, seed: 7 })).items.slice(0, 5)).toEqual(five.items);

    const fresh = await model.sample({ count: 5 });
    expect(Number.isSafeInteger(fresh.seed)).toBe(true);
    expect((await model.sample({ count: 5, seed: fresh.seed })).items).toEqual(fresh.items);

    const files = model.save();
    expect([...files.keys()]).toContain(TRAINING_STATE_FILE);
    const loaded = loadModel(files);
    expect(loaded.training).toBeNull();
    expect((await loaded.sample({ count: 5, seed: 7 })).items).toEqual(five.items);
    const [emma] = await model.score(['emma']);
    const [emmaLoaded] = await loaded.score(['emma']);
    expect(emmaLoaded!.logLikelihood).toBe(emma!.logLikelihood);
    expect(await loaded.loss(names.slice(0, 50))).toBeCloseTo(await model.loss(names.slice(0, 50)), 10);

    // The files are a resumable checkpoint, e.g. for the CLI's --resume.
    const split = splitItems(names, { seed: 1, scheme: 'fractions' });
    const run = resumeTrainingRun(files, { split, data: model.config.data, recipe: { steps: 310 } });
    expect(run.step).toBe(300);
  });

  test('save() hands out copies: changing them does not change the model', async () => {
    const model = await trainModel(names.slice(0, 60), { model: 'bigram' });
    const files = model.save();
    files.get('model.safetensors')!.fill(0);
    expect(() => loadModel(model.save())).not.toThrow();
  });
});

describe('trainModel, the count models', () => {
  test("the bigram on names.txt gives the reference loss of the lecture's count model", async () => {
    const items = readFileSync(namesFile, 'utf8').split('\n').filter(Boolean);
    const unsmoothed = await trainModel(items, { model: 'bigram', smoothing: 0 });
    expect(unsmoothed.training!.train).toBeCloseTo(2.454, 4);
    expect(unsmoothed.training!.val).toBeNull();
    const smoothed = await trainModel(items, { model: 'bigram' });
    expect(smoothed.training!.train).toBeCloseTo(2.4546, 4);
    const [emma] = await loadModel(unsmoothed.save()).score(['emma']);
    // Shared layout: the same figure as the lecture's split layout for a word's log-likelihood.
    expect(emma!.logLikelihood).toBeCloseTo(-12.569, 3);
  });

  test('the n-gram trains, samples and round-trips through its files', async () => {
    const model = await trainModel(names, { model: 'ngram', n: 3, split: 'fractions', seed: 5 });
    expect(model.config.hyperparameters).toMatchObject({ n: 3, smoothing: 1, seed: 5, split: 'fractions' });
    expect(model.training!.val).not.toBeNull();
    const loaded = loadModel(model.save());
    expect((await loaded.sample({ count: 4, seed: 2 })).items).toEqual(
      (await model.sample({ count: 4, seed: 2 })).items,
    );
  });

  test('a prefix outside the vocabulary is a DataError naming the character', async () => {
    const model = await trainModel(['ab', 'ba'], { model: 'bigram' });
    await expect(model.sample({ prefix: 'z', seed: 1 })).rejects.toThrow(/z/);
  });
});

describe('trainModel from plain JavaScript', () => {
  const call = (items: unknown, options: unknown) =>
    trainingError(trainModel(items as string[], options as TrainModelOptions));

  test('says where a recipe field belongs instead of ignoring it', async () => {
    const error = await call(names, { model: 'mlp', lr: 0.1 });
    expect(error.code).toBe('BAD_OPTIONS');
    expect(error.message).toContain('recipe fields such as lr go inside `recipe: { lr }`');
  });

  test('refuses options of the other kind of model, unknown models and items that are not strings', async () => {
    expect((await call(names, { model: 'bigram', steps: 10 })).message).toBe(
      'The bigram model is counted, not trained by steps, so it takes no steps; pick a neural model such as mlp for that.',
    );
    expect((await call(names, { model: 'mlp', smoothing: 1 })).message).toBe(
      'smoothing applies to the count models (bigram, ngram), not to mlp.',
    );
    expect((await call(names, { model: 'mpl' })).message).toMatch(
      /^Unknown model 'mpl'; trainModel takes bigram, ngram, .*mlp/,
    );
    expect((await call('emma\nava', {})).message).toMatch(
      /^trainModel takes the items as an array of strings/,
    );
    expect((await call([], {})).message).toBe('trainModel needs at least one item to train on.');
    expect((await call(names, { steps: 5, recipe: { steps: 6 } })).message).toMatch(/once/);
  });
});

describe('loadModel and loadModelDirectory', () => {
  test('loadModel reads files given as Node Buffers that view a shared pool', async () => {
    const model = await trainModel(names.slice(0, 80), { model: 'mlp', steps: 20 });
    // Buffer.from(string) of small sizes lands in Node's shared 8 KiB pool at some offset.
    const pooled = new Map(
      [...model.save()].map(([name, bytes]) => {
        const pool = Buffer.concat([Buffer.from('padding'), Buffer.from(bytes)]);
        return [name, pool.subarray(7)] as const;
      }),
    );
    expect((await loadModel(pooled).sample({ count: 3, seed: 4 })).items).toEqual(
      (await model.sample({ count: 3, seed: 4 })).items,
    );
  });

  test('loadModelDirectory, for networks, points a count model at loadModel', async () => {
    const files = (await trainModel(names.slice(0, 50), { model: 'bigram' })).save();
    expect(() => loadModelDirectory(files)).toThrow(
      'The directory holds a count bigram, which has no neural network; load it with loadModel(files), which takes every model type.',
    );
  });
});

test('a config that would not load is refused when written, not when read', async () => {
  const items = names.slice(0, 50);
  const setup = {
    model: 'mlp',
    split: splitItems(items, { seed: 1 }),
    vocab: Vocab.fromItems(items),
    data: { source: 'x', fingerprint: 'none', items: 50 },
  };
  let error: unknown;
  try {
    createTrainingRun(setup);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CheckpointError);
  expect((error as CheckpointError).code).toBe('BAD_CONFIG');
  expect((error as CheckpointError).message).toMatch(
    /^Nothing was written, since the model directory would not load again: .*fingerprint/,
  );
});
