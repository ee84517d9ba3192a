import { averageNll } from '@makemore/sampling';
import { getDefaultBackend, setDefaultBackend } from '@makemore/tensor';
import { AsyncReadbackBackend } from '@makemore/tensor/testing';
import { describe, expect, it } from 'vitest';
import { loadModelDirectory } from '../load-model.js';
import { recorder, runOn, smallNames, trainAndSave, trainRecorded } from '../test-support/fixtures.js';
import { decodeTrainingCheckpoint } from '../training-checkpoint.js';
import { TrainingError } from './training-error.js';
import { resumeTrainingRun, type TrainingRun } from './training-run.js';

const fixture = await smallNames();
const { split, vocab, data } = fixture;

describe('createTrainingRun + train', () => {
  it('trains the lecture MLP: the loss falls, events are plain JSON, checkpoints are saved at each evaluation', async () => {
    const { rec, done } = await trainRecorded(
      fixture,
      {
        model: 'mlp',
        hyperparameters: { nHidden: 64 },
        recipe: { steps: 300, evalEvery: 100, lr: 0.1 },
        seed: 1,
      },
      { logEvery: 50 },
    );
    for (const e of rec.events) expect(JSON.parse(JSON.stringify(e))).toEqual(e);
    expect(rec.events[0]).toMatchObject({
      event: 'start',
      model: 'mlp',
      parameters: vocab.size * 10 + 30 * 64 + 64 + 64 * vocab.size + vocab.size,
      step: 0,
    });
    expect(rec.events.filter((e) => e.event === 'eval').map((e) => e.step)).toEqual([100, 200, 300]);
    expect(
      rec.events.filter((e) => e.event === 'checkpoint').map((e) => e.event === 'checkpoint' && e.reason),
    ).toEqual(['eval', 'eval', 'end']);
    const losses = rec.losses();
    expect(losses.map(([s]) => s)).toEqual([50, 100, 150, 200, 250, 300]);
    expect(done).toMatchObject({ event: 'done', steps: 300, cancelled: false });
    expect(done.val).not.toBeNull();
    expect(done.test).not.toBeNull();
    // randn init (as the lecture's first MLP) starts far above log(V); the loss falls steadily.
    expect(done.val!).toBeLessThan(losses[0]![1] / 2);
    const trainEvals = rec.events.flatMap((e) => (e.event === 'eval' ? [e.train] : []));
    expect(trainEvals[2]!).toBeLessThan(trainEvals[0]!);
    expect(rec.events.at(-1)).toEqual(done);
  });

  it('runs the seed bigram with full-batch gradient descent', async () => {
    const rec = recorder();
    const run = runOn(fixture, {
      model: 'bigram-nn',
      recipe: { steps: 30, evalEvery: 10 },
    });
    const before = run.generator.getState();
    await run.train({ onEvent: rec.onEvent, logEvery: 1 });
    const losses = rec.losses().map(([, l]) => l);
    expect(losses).toHaveLength(30);
    expect(losses.at(-1)!).toBeLessThan(losses[0]! - 1);
    // One evaluation per interval, even without a save callback.
    expect(rec.events.filter((e) => e.event === 'eval').map((e) => e.step)).toEqual([10, 20, 30]);
    // Every step used the whole training split: no batch was drawn from the generator.
    expect(run.generator.getState()).toEqual(before);
  });

  it('saves best-val weights as model.safetensors, which loadModelDirectory turns into the same LanguageModel', async () => {
    const { run, rec, done } = await trainRecorded(fixture, {
      model: 'mlp-bn',
      hyperparameters: { nHidden: 32 },
      recipe: { steps: 60, evalEvery: 20 },
    });
    const files = rec.saves.at(-1)!;
    expect([...files.keys()].sort()).toEqual([
      'config.json',
      'last.safetensors',
      'model.safetensors',
      'optimizer.safetensors',
      'training-state.json',
    ]);
    const evals = rec.events.flatMap((e) => (e.event === 'eval' ? [e] : []));
    const best = evals.reduce((a, b) => (b.selectLoss < a.selectLoss ? b : a));
    expect(done.bestStep).toBe(best.step);
    expect(decodeTrainingCheckpoint(files, ['mlp-bn']).state.best).toEqual({
      step: best.step,
      loss: best.selectLoss,
    });
    const loaded = loadModelDirectory(files);
    expect(loaded.config.model).toBe('mlp-bn');
    const seqs = [[0], [0, 5, 1]];
    const a = await loaded.languageModel.nextTokenLogProbs(seqs);
    const b = await run.languageModel().nextTokenLogProbs(seqs);
    expect(Array.from(a)).toEqual(Array.from(b));
    // The done event reports the saved weights: its val loss is averageNll over the val items.
    expect((await averageNll(loaded.languageModel, split.val)).nll).toBeCloseTo(done.val!, 4);
  });
});

describe('resume', () => {
  /** Trains `steps` uninterrupted, and again stopped at `stopAt` and resumed from the saved files. */
  async function compare(
    model: string,
    hyperparameters: Record<string, number>,
    steps: number,
    stopAt: number,
  ) {
    const recipe = { steps, evalEvery: 10 };
    const setup = { model, hyperparameters, recipe, seed: 7 };
    const full = recorder();
    await runOn(fixture, setup).train({
      onEvent: full.onEvent,
      save: full.save,
      logEvery: 1,
      evalRows: 50,
    });

    // As after kill -9: resume from the first periodic checkpoint (step 10) of the uninterrupted run.
    const afterKill = recorder();
    await resumeTrainingRun(full.saves[0]!, { split, data }).train({
      onEvent: afterKill.onEvent,
      logEvery: 1,
      evalRows: 50,
    });
    expect(afterKill.losses()).toHaveLength(steps - 10);
    expect(afterKill.losses()).toEqual(full.losses().slice(10));

    const first = recorder();
    const controller = new AbortController();
    await runOn(fixture, setup).train({
      onEvent: (e) => {
        first.onEvent(e);
        if (e.event === 'step' && e.step === stopAt) controller.abort();
      },
      save: first.save,
      signal: controller.signal,
      logEvery: 1,
      evalRows: 50,
    });
    const cancel = first.events.find((e) => e.event === 'checkpoint' && e.reason === 'cancel');
    expect(cancel).toMatchObject({ step: stopAt });
    expect(first.events.at(-1)).toMatchObject({ event: 'done', cancelled: true, steps: stopAt });

    const second = recorder();
    const resumed = resumeTrainingRun(first.saves.at(-1)!, { split, data });
    expect(resumed.step).toBe(stopAt);
    await resumed.train({ onEvent: second.onEvent, logEvery: 1, evalRows: 50 });
    expect(second.events[0]).toMatchObject({ event: 'start', step: stopAt, resumed: true });
    // Exactly equal, not close: weights, optimizer state, step and RNG state are all restored.
    expect([...first.losses(), ...second.losses()]).toEqual(full.losses());
    expect(second.events.at(-1)).toEqual({
      ...full.events.at(-1),
      seconds: expect.any(Number),
      stepsPerSecond: expect.any(Number),
    });
  }

  it('mlp-bn (SGD, BatchNorm running statistics) follows the uninterrupted loss curve exactly', async () => {
    await compare('mlp-bn', { nHidden: 16 }, 40, 17);
  });

  it('gru (AdamW with makemore defaults) follows the uninterrupted loss curve exactly', async () => {
    await compare('gru', { nEmbd: 8, nEmbd2: 8 }, 25, 12);
  });

  it('refuses to resume on other data', async () => {
    const { files } = await trainAndSave(fixture, { model: 'bigram-nn', recipe: { steps: 2, evalEvery: 1 } });
    const other = await smallNames(300);
    expect(() => resumeTrainingRun(files, { split: other.split, data: other.data })).toThrow(
      /trained on other data \(first-names, 400 items\)/,
    );
  });

  it('continues a finished run when given more steps', async () => {
    const { files } = await trainAndSave(fixture, { model: 'bigram-nn', recipe: { steps: 5, evalEvery: 5 } });
    const more = recorder();
    const done = await resumeTrainingRun(files, { split, data, recipe: { steps: 8 } }).train({
      onEvent: more.onEvent,
      logEvery: 1,
    });
    expect(more.losses().map(([s]) => s)).toEqual([6, 7, 8]);
    expect(done.steps).toBe(8);
  });
});

describe('non-finite loss', () => {
  it('stops with a clear error, emits an error event and saves nothing after the last good checkpoint', async () => {
    const rec = recorder();
    const run = runOn(fixture, {
      model: 'bigram-nn',
      recipe: { steps: 50, evalEvery: 1, lr: 1e25 },
    });
    let error: unknown;
    try {
      await run.train({ onEvent: rec.onEvent, save: rec.save });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TrainingError);
    expect((error as TrainingError).code).toBe('NON_FINITE');
    const lastSaved = rec.events.filter((e) => e.event === 'checkpoint').at(-1)!;
    expect((error as Error).message).toContain(`the last checkpoint (step ${lastSaved.step}) is intact`);
    expect((error as Error).message).toMatch(/Lower the learning rate/);
    expect(rec.events.at(-1)).toMatchObject({ event: 'error', code: 'NON_FINITE' });
    expect(rec.events.some((e) => e.event === 'done')).toBe(false);
    // The last checkpoint is loadable and finite.
    const { languageModel } = loadModelDirectory(rec.saves.at(-1)!);
    const row = await languageModel.nextTokenLogProbs([[0]]);
    expect(Array.from(row).every((v) => !Number.isNaN(v))).toBe(true);
  });
});

describe('memory', () => {
  it.each([
    ['mlp-bn', { nHidden: 16 }, 0],
    ['gru', { nEmbd: 8, nEmbd2: 8 }, 2],
  ] as const)(
    '%s: training frees every intermediate tensor',
    async (model, hyperparameters, buffersPerParameter) => {
      const { memory } = await import('@makemore/tensor');
      const run = runOn(fixture, {
        model,
        hyperparameters,
        recipe: { steps: 12, evalEvery: 5 },
      });
      const before = memory().numTensors;
      await run.train({ save: async () => {} });
      const params = run.model.parameters().length;
      expect(memory().numTensors).toBe(before + buffersPerParameter * params);
    },
  );
});

describe('on a backend that reads back only asynchronously (as WebGPU)', () => {
  it('trains, evaluates and checkpoints exactly as on the CPU backend', async () => {
    // The same run on each backend.
    const setup = {
      model: 'mlp',
      hyperparameters: { nHidden: 16 },
      recipe: { steps: 40, evalEvery: 20, lr: 0.1 },
      seed: 3,
    };
    const train = async () => {
      const { rec, done } = await trainRecorded(fixture, setup, { logEvery: 10 });
      return { done, losses: rec.losses(), weights: rec.saves.at(-1)!.get('model.safetensors') };
    };
    const onCpu = await train();
    const previous = getDefaultBackend();
    setDefaultBackend(new AsyncReadbackBackend());
    let onAsync: Awaited<ReturnType<typeof train>>;
    try {
      onAsync = await train();
    } finally {
      setDefaultBackend(previous);
    }
    expect(onAsync.losses).toEqual(onCpu.losses);
    expect({ ...onAsync.done, seconds: 0, stepsPerSecond: 0 }).toEqual({
      ...onCpu.done,
      seconds: 0,
      stepsPerSecond: 0,
    });
    expect(onAsync.weights).toEqual(onCpu.weights);
  });
});

describe('the final evaluation', () => {
  // Counts the model's evaluation passes: each chunk of an evaluation is one `nll` call in eval mode.
  function countNll(run: TrainingRun): () => number {
    let calls = 0;
    const nll = run.model.nll.bind(run.model);
    run.model.nll = (x, y) => {
      if (!run.model.training) calls++;
      return nll(x, y);
    };
    return () => calls;
  }

  it('reuses the last evaluation when it covered every row at the saved step', async () => {
    const run = runOn(fixture, { model: 'mlp', recipe: { steps: 20, evalEvery: 20 } });
    const calls = countNll(run);
    const rec = recorder();
    const done = await run.train({ onEvent: rec.onEvent });
    const evals = rec.events.filter((e) => e.event === 'eval');
    expect(evals).toHaveLength(1);
    // One pass over each of the three splits (each fits one chunk), not two.
    expect(calls()).toBe(3);
    expect(done.train).toBe(evals[0]!.event === 'eval' && evals[0]!.train);
    expect(done.val).toBe(evals[0]!.event === 'eval' && evals[0]!.val);
  });

  it('evaluates every row again when the periodic evaluations read only some', async () => {
    const run = runOn(fixture, { model: 'mlp', recipe: { steps: 20, evalEvery: 20 } });
    const calls = countNll(run);
    const done = await run.train({ evalRows: 10 });
    expect(calls()).toBe(6);
    expect(done.train).toBeCloseTo((await averageNll(run.languageModel(), split.train)).nll, 4);
  });

  it("selects on the training loss when split 'none' leaves no held-out items", async () => {
    const all = { train: [...split.train, ...split.val, ...split.test], val: [], test: [] };
    const run = runOn(fixture, {
      model: 'mlp',
      recipe: { steps: 10, evalEvery: 5 },
      split: all,
    });
    const rec = recorder();
    const done = await run.train({ onEvent: rec.onEvent });
    const evals = rec.events.flatMap((e) => (e.event === 'eval' ? [e] : []));
    expect(evals.map((e) => e.selectOn)).toEqual(['train', 'train']);
    expect(evals.map((e) => e.selectLoss)).toEqual(evals.map((e) => e.train));
    expect(done).toMatchObject({ val: null, test: null });
  });
});
