import { loadModel } from '@makemore/train';
import { describe, expect, test } from 'vitest';
import { playgroundModels } from './playground-recipes.js';
import { RunControls } from './run-controls.js';
import { runTrainingJob } from './training-job.js';
import { MessageLog, tinyRequest } from './training-test-support.js';

const filesOf = (files: Record<string, Uint8Array>) => new Map(Object.entries(files));

describe('runTrainingJob', () => {
  test.each(playgroundModels().map((m) => [m.name, m.counted] as const))(
    'trains %s and posts device, start, steps, evals and a model directory',
    async (model, counted) => {
      const log = new MessageLog();
      const done = await runTrainingJob(tinyRequest(model), log.post);
      expect(log.of('error')).toEqual([]);
      expect(done).not.toBeNull();
      expect(log.types[0]).toBe('device');
      expect(log.types[1]).toBe('start');
      expect(log.types.at(-1)).toBe('done');
      const start = log.of('start')[0]!;
      expect(start.model).toBe(model);
      expect(start.parameters).toBeGreaterThan(0);
      if (counted) {
        expect(start.recipe).toBeNull();
        expect(log.of('step')).toEqual([]);
      } else {
        expect(start.recipe?.steps).toBe(4);
        // Every step's loss reaches the page, in order, however the messages batch them.
        expect(log.of('step').flatMap((m) => m.losses)).toHaveLength(4);
        expect(log.of('eval').map((m) => m.step)).toEqual([2, 4]);
        expect(done!.steps).toBe(4);
      }
      const evaluation = log.of('eval').at(-1)!;
      expect(evaluation.samples.samples).toHaveLength(3);
      expect(done!.stopped).toBe(false);
      expect(Number.isFinite(done!.train)).toBe(true);
      const loaded = loadModel(filesOf(done!.files));
      expect(loaded.type).toBe(model);
      expect((await loaded.sample({ count: 2, seed: 1 })).items).toHaveLength(2);
      if (!counted)
        expect(Object.keys(done!.files).sort()).toEqual([
          'config.json',
          'model.safetensors',
          'training-state.json',
        ]);
    },
  );

  test('takes the hyperparameters and recipe it is given', async () => {
    const log = new MessageLog();
    await runTrainingJob(tinyRequest('mlp', { hyperparameters: { nEmbd: 3, nHidden: 7 } }), log.post);
    const start = log.of('start')[0]!;
    expect(start.hyperparameters).toEqual({ blockSize: 3, nEmbd: 3, nHidden: 7 });
    expect(start.recipe).toMatchObject({ steps: 4, batchSize: 8, evalEvery: 2, lr: 0.1, optimizer: 'sgd' });
  });

  test('the count n-gram records its order and smoothing', async () => {
    const log = new MessageLog();
    await runTrainingJob(tinyRequest('ngram', { hyperparameters: { n: 4, smoothing: 0.5 } }), log.post);
    expect(log.of('start')[0]!.hyperparameters).toEqual({ n: 4, smoothing: 0.5 });
  });
});

describe('Pause, Resume and Stop', () => {
  const longRun = () =>
    tinyRequest('mlp', { recipe: { steps: 1_000_000, evalEvery: 1_000_000, batchSize: 8 } });

  test('pause holds the run, resume continues it, stop keeps the weights so far', async () => {
    const log = new MessageLog();
    const controls = new RunControls();
    const running = runTrainingJob(longRun(), log.post, { controls });
    await log.next('step');
    controls.pause();
    const paused = await log.next('paused');
    const stepsWhilePaused = log.of('step').length;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(log.of('step')).toHaveLength(stepsWhilePaused);
    expect(log.of('step').at(-1)!.step).toBe(paused.step);
    controls.resume();
    expect((await log.next('resumed')).step).toBe(paused.step);
    const later = await log.next('step');
    expect(later.step).toBeGreaterThan(paused.step);
    controls.stop();
    const done = await running;
    expect(done).toMatchObject({ type: 'done', stopped: true });
    expect(done!.steps).toBeGreaterThan(paused.step);
    expect(done!.steps).toBeLessThan(1_000_000);
    expect(loadModel(filesOf(done!.files)).type).toBe('mlp');
  });

  test('stop ends a paused run, with the weights of its steps', async () => {
    const log = new MessageLog();
    const controls = new RunControls();
    const running = runTrainingJob(longRun(), log.post, { controls });
    await log.next('step');
    controls.pause();
    const paused = await log.next('paused');
    controls.stop();
    const done = await running;
    expect(done).toMatchObject({ stopped: true, steps: paused.step });
    expect(log.of('resumed')).toEqual([]);
    // The stop evaluates the weights it keeps, as the CLI's Ctrl-C does.
    expect(log.of('eval').at(-1)!.step).toBe(paused.step);
    expect(loadModel(filesOf(done!.files)).type).toBe('mlp');
  });
});

describe('a bad request posts one error sentence', () => {
  test.each([
    [
      'an unknown model',
      tinyRequest('gpt-5'),
      /There is no model called 'gpt-5'; choose one of bigram, ngram, bigram-nn, mlp/,
    ],
    [
      'an out-of-range hyperparameter',
      tinyRequest('mlp', { hyperparameters: { nEmbd: 0 } }),
      /The hyperparameter 'nEmbd' of 'mlp' must be a positive integer, got 0\./,
    ],
    [
      'a negative smoothing',
      tinyRequest('bigram', { hyperparameters: { smoothing: -1 } }),
      /The hyperparameter 'smoothing' of 'bigram' must be a non-negative number, got -1\./,
    ],
    [
      'an unknown hyperparameter',
      tinyRequest('bigram', { hyperparameters: { n: 3 } }),
      /The model 'bigram' has no hyperparameter 'n'; it takes smoothing\./,
    ],
    [
      'a binary upload',
      tinyRequest('mlp', {
        data: { kind: 'file', name: 'photo.png', bytes: new Uint8Array([0x89, 0x50, 0, 1]) },
      }),
      /binary file \(it has a NUL byte at offset 2\)/,
    ],
    [
      'empty pasted text',
      tinyRequest('bigram', { data: { kind: 'lines', text: '\n  \n' } }),
      /The pasted text has no items/,
    ],
    [
      'a bad learning rate',
      tinyRequest('gru', { recipe: { lr: -1 } }),
      /learning rate must be a positive number/,
    ],
  ])('%s', async (_, request, sentence) => {
    const log = new MessageLog();
    expect(await runTrainingJob(request, log.post)).toBeNull();
    expect(log.types).toEqual(['error']);
    expect(log.of('error')[0]!.message).toMatch(sentence);
  });
});

describe('diagnostics', () => {
  test('one record per evaluation, just before it, with the mlp’s layers and parameters', async () => {
    const log = new MessageLog();
    const done = await runTrainingJob(tinyRequest('mlp', { diagnostics: true }), log.post);
    expect(log.of('error')).toEqual([]);
    const records = log.of('diagnostics');
    expect(records.map((m) => m.step)).toEqual(log.of('eval').map((m) => m.step));
    for (const { step } of records) {
      const at = log.messages.findIndex((m) => m.type === 'diagnostics' && m.step === step);
      expect(log.messages[at + 1]).toMatchObject({ type: 'eval', step });
    }
    const { record } = records.at(-1)!;
    expect(record.step).toBe(4);
    const names = record.layers.map((l) => l.name);
    expect(names).toContain('h');
    const h = record.layers.find((l) => l.name === 'h')!;
    expect(h.tanh).toBe(true);
    expect(h.saturated).toBeGreaterThanOrEqual(0);
    expect(h.saturationMap!.length).toBeGreaterThan(0);
    expect(h.gradHistogram!.counts.reduce((a, b) => a + b, 0)).toBe(h.count);
    expect(record.parameters.map((p) => p.name)).toContain('W1');
    expect(record.parameters.find((p) => p.name === 'W1')!.updateToData).toBeLessThan(0);
    // It crosses the worker as a structured clone, and goes with the model as diagnostics.json.
    expect(structuredClone(record)).toEqual(record);
    expect(Object.keys(done!.files)).toContain('diagnostics.json');
  });

  test('off by default: no records and no diagnostics.json', async () => {
    const log = new MessageLog();
    const done = await runTrainingJob(tinyRequest('mlp'), log.post);
    expect(log.of('diagnostics')).toEqual([]);
    expect(Object.keys(done!.files)).not.toContain('diagnostics.json');
  });
});
