import { describe, expect, test } from 'vitest';
import { runLrFindJob } from './lr-find-job.js';
import { RunControls } from './run-controls.js';
import { MessageLog, tinySweep } from './training-test-support.js';

describe('runLrFindJob', () => {
  test.each(['mlp', 'mlp-bn'])(
    'sweeps %s and posts the device, every point in order and the result',
    async (model) => {
      const log = new MessageLog();
      const done = await runLrFindJob(tinySweep(model), log.post);
      expect(log.of('error')).toEqual([]);
      expect(done).not.toBeNull();
      expect(log.types[0]).toBe('device');
      expect(log.types.at(-1)).toBe('lr-find-done');
      const { result } = done!;
      expect(result.model).toBe(model);
      expect(result.points.length).toBeGreaterThan(1);
      expect(result.points.length).toBeLessThanOrEqual(60);
      // The batched progress carries the same points as the result, so the page's live curve is the final one.
      expect(log.of('lr-find-step').flatMap((m) => m.points)).toEqual(result.points);
      expect(log.of('lr-find-step').at(-1)!.step).toBe(result.points.length);
      const rates = result.points.map((p) => p.lr);
      expect(rates[0]).toBeCloseTo(1e-3, 12);
      for (let i = 1; i < rates.length; i++) expect(rates[i]!).toBeGreaterThan(rates[i - 1]!);
      expect(result.suggestion).not.toBeNull();
      expect(result.suggestion!.lr).toBeGreaterThan(1e-3);
      expect(result.suggestion!.lr).toBeLessThan(10);
      expect(done!.seconds).toBeGreaterThanOrEqual(0);
      // It crosses the worker as a structured clone.
      expect(structuredClone(done)).toEqual(done);
    },
  );

  test('takes the range, steps, batch size and hyperparameters it is given', async () => {
    const log = new MessageLog();
    const done = await runLrFindJob(
      tinySweep('mlp', { from: 0.01, to: 0.1, steps: 7, hyperparameters: { nHidden: 9 } }),
      log.post,
    );
    expect(done!.result).toMatchObject({ from: 0.01, to: 0.1, steps: 7, stopped: 'done' });
    expect(done!.result.points).toHaveLength(7);
    expect(done!.result.points.at(-1)!.lr).toBeCloseTo(0.1, 12);
  });

  test('stop ends the sweep with the points so far; pause holds it', async () => {
    const log = new MessageLog();
    const controls = new RunControls();
    const running = runLrFindJob(tinySweep('mlp', { steps: 1_000_000, to: 1.0001 }), log.post, { controls });
    await log.next('lr-find-step');
    controls.pause();
    const paused = await log.next('paused');
    const pointsWhilePaused = log.of('lr-find-step').flatMap((m) => m.points).length;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(log.of('lr-find-step').flatMap((m) => m.points)).toHaveLength(pointsWhilePaused);
    expect(pointsWhilePaused).toBe(paused.step);
    controls.resume();
    await log.next('resumed');
    await log.next('lr-find-step');
    controls.stop();
    const done = await running;
    expect(done!.result.stopped).toBe('cancelled');
    expect(done!.result.points.length).toBeGreaterThan(paused.step);
    expect(done!.result.points.length).toBeLessThan(1_000_000);
  });

  test.each([
    ['an unknown model', tinySweep('gpt-5'), /There is no model called 'gpt-5'; choose one of bigram/],
    ['a count model', tinySweep('bigram'), /The bigram model is counted, not trained with a learning rate/],
    ['a falling range', tinySweep('mlp', { from: 1, to: 0.1 }), /The sweep must rise/],
    [
      'an out-of-range hyperparameter',
      tinySweep('mlp', { hyperparameters: { nEmbd: 0 } }),
      /The hyperparameter 'nEmbd' of 'mlp' must be a positive integer, got 0\./,
    ],
  ])('%s posts one error sentence', async (_, request, sentence) => {
    const log = new MessageLog();
    expect(await runLrFindJob(request, log.post)).toBeNull();
    // The sweep checks its range and hyperparameters once the device is chosen (and announced).
    expect(log.types.filter((type) => type !== 'device')).toEqual(['error']);
    expect(log.of('error')[0]!.message).toMatch(sentence);
  });
});
