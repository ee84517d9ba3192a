import { memory } from '@makemore/tensor';
import { describe, expect, test } from 'vitest';
import { TrainingError } from '../loop/training-error.js';
import { smallNames } from '../test-support/fixtures.js';
import { findLearningRate, type LrFindProgress } from './find-learning-rate.js';
import { sweepLearningRate } from './sweep.js';

const names = await smallNames();
const small = { nEmbd: 4, nHidden: 16 };

describe('findLearningRate', () => {
  test('sweeps exponentially from `from` to `to`, one batch loss per step, reporting each', async () => {
    const progress: LrFindProgress[] = [];
    const result = await findLearningRate({
      model: 'mlp',
      items: names.items,
      hyperparameters: small,
      from: 1e-3,
      to: 1e-1,
      steps: 50,
      onProgress: (p) => {
        progress.push(p);
      },
    });
    expect(result).toMatchObject({ model: 'mlp', from: 1e-3, to: 1e-1, steps: 50, stopped: 'done' });
    expect(result.points).toHaveLength(50);
    expect(result.points[0]!.lr).toBe(1e-3);
    expect(result.points[49]!.lr).toBe(1e-1);
    // The lecture's 10**linspace: equal steps in log10(lr).
    expect(Math.log10(result.points[25]!.lr)).toBeCloseTo(-3 + (2 * 25) / 49, 12);
    expect(progress.map((p) => p.step)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(progress[49]).toEqual({ ...result.points[49], step: 50, steps: 50 });
    expect(result.points.every((p) => Number.isFinite(p.loss) && Number.isFinite(p.smoothed))).toBe(true);
  });

  test('frees its model and optimizer when it ends, a blow-up included', async () => {
    const before = memory().numTensors;
    await findLearningRate({
      model: 'mlp',
      items: names.items,
      hyperparameters: small,
      steps: 20,
      from: 1e-3,
      to: 1e3,
    });
    expect(memory().numTensors).toBe(before);
  });

  test('is repeatable for a seed, and the split or the items give the same sweep', async () => {
    const a = await findLearningRate({
      model: 'mlp',
      items: names.items,
      hyperparameters: small,
      steps: 20,
      seed: 7,
    });
    const b = await findLearningRate({
      model: 'mlp',
      items: names.items,
      hyperparameters: small,
      steps: 20,
      seed: 7,
    });
    expect(b.points).toEqual(a.points);
    const { splitItems } = await import('@makemore/data');
    const split = splitItems(names.items, { seed: 7, scheme: 'fractions' });
    const c = await findLearningRate({ model: 'mlp', split, hyperparameters: small, steps: 20, seed: 7 });
    expect(c.points).toEqual(a.points);
  });

  test('stops once the loss blows up, suggesting a rate below the blow-up', async () => {
    const result = await findLearningRate({
      model: 'mlp-bn',
      items: names.items,
      hyperparameters: small,
      from: 1e-2,
      to: 1e4,
      steps: 300,
    });
    expect(result.stopped).toBe('blow-up');
    expect(result.points.length).toBeLessThan(300);
    expect(result.suggestion!.lr).toBeLessThan(result.points.at(-1)!.lr);
    expect(result.suggestion!.lr).toBeLessThan(result.minimum!.lr);
  });

  test('an aborted sweep returns what it has', async () => {
    const controller = new AbortController();
    const result = await findLearningRate({
      model: 'mlp',
      items: names.items,
      hyperparameters: small,
      steps: 100,
      signal: controller.signal,
      onProgress: ({ step }) => {
        if (step === 10) controller.abort();
      },
    });
    expect(result.stopped).toBe('cancelled');
    expect(result.points).toHaveLength(10);
  });

  test.each([
    [{ from: 1, to: 1 }, 'must rise'],
    [{ from: 0 }, 'first learning rate must be a positive number'],
    [{ to: Number.NaN }, 'last learning rate must be a positive number'],
    [{ steps: 1 }, 'steps must be a whole number from 2 to 1,000,000'],
    [{ steps: 2.5 }, 'steps must be a whole number'],
    [{ batchSize: 0 }, 'needs mini-batches'],
    [{ blowUpFactor: 1 }, 'blow-up factor must be a number above 1'],
    [{ items: undefined }, 'Give the sweep its data'],
  ])('refuses %o: %s', async (options, message) => {
    const error = await findLearningRate({ model: 'mlp', items: names.items, ...options }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TrainingError);
    expect((error as TrainingError).code).toBe('BAD_OPTIONS');
    expect((error as Error).message).toContain(message);
  });
});

test('sweepLearningRate ends exactly at `to`', () => {
  expect(sweepLearningRate(1e-3, 1, 1000, 0)).toBe(1e-3);
  expect(sweepLearningRate(1e-3, 1, 1000, 999)).toBe(1);
  expect(sweepLearningRate(1e-3, 1, 1000, 333)).toBeCloseTo(10 ** -2, 12);
});
