import { describe, expect, test } from 'vitest';
import { MovingAverage, smoothLosses } from './smoothing.js';
import { type LrFindPoint, smoothedMinimum, steepestDescent, suggestLearningRate } from './suggest.js';
import { sweepLearningRate } from './sweep.js';

/** A sweep of 1e-4 to 10 over `n` steps whose smoothed loss is `curve(log10 lr)`. */
function synthetic(curve: (decade: number) => number, n = 501): LrFindPoint[] {
  return Array.from({ length: n }, (_, i) => {
    const lr = sweepLearningRate(1e-4, 10, n, i);
    const smoothed = curve(Math.log10(lr));
    return { lr, loss: smoothed, smoothed };
  });
}

describe('smoothing', () => {
  test('is a bias-corrected exponential moving average', () => {
    // A constant series stays constant from the first value on: no pull towards zero.
    expect(smoothLosses([3, 3, 3, 3])).toEqual([3, 3, 3, 3].map(() => expect.closeTo(3, 12)));
    // By hand with β = 0.5: averages 0.5, 1.25 over corrections 0.5, 0.75.
    expect(smoothLosses([1, 2], 0.5)).toEqual([1, expect.closeTo(1.25 / 0.75, 12)]);
    const average = new MovingAverage(0.5);
    expect([average.add(1), average.add(2)]).toEqual(smoothLosses([1, 2], 0.5));
  });
});

describe('the suggestion rule on synthetic curves', () => {
  // A textbook sweep: flat, a fall centred at 10^-2, a bottom at 10^-0.5, then a blow-up.
  const textbook = (d: number) =>
    3 - 1.5 / (1 + Math.exp(-4 * (d + 2))) + (d > -0.5 ? 4 * (d + 0.5) ** 2 : 0);

  test('suggests half a decade below the smoothed minimum', () => {
    const points = synthetic(textbook);
    const minimum = smoothedMinimum(points)!;
    expect(Math.log10(minimum.lr)).toBeCloseTo(-0.5, 1);
    const suggestion = suggestLearningRate(points)!;
    expect(Math.log10(suggestion.lr)).toBeCloseTo(Math.log10(minimum.lr) - 0.5, 1);
    expect(suggestion.lr).toBeLessThanOrEqual((minimum.lr / Math.sqrt(10)) * (1 + 1e-9));
    expect(suggestion.smoothed).toBe(points[suggestion.index]!.smoothed);
  });

  test('finds the steepest descent where the fall is fastest, before the minimum', () => {
    const steepest = steepestDescent(synthetic(textbook))!;
    expect(Math.log10(steepest.lr)).toBeCloseTo(-2, 1);
  });

  test('the blow-up after the minimum never becomes the suggestion', () => {
    // Falls gently, then rises far more steeply: only the part before the minimum counts.
    const points = synthetic((d) => (d < -1 ? -0.1 * d : 0.1 + 50 * (d + 1)));
    expect(Math.log10(smoothedMinimum(points)!.lr)).toBeCloseTo(-1, 1);
    expect(suggestLearningRate(points)!.lr).toBeLessThan(0.1);
    expect(steepestDescent(points)!.lr).toBeLessThan(0.1);
  });

  test('a loss that only rises suggests nothing', () => {
    const points = synthetic((d) => 3 + d);
    expect(suggestLearningRate(points)).toBeNull();
    expect(steepestDescent(points)).toBeNull();
    expect(smoothedMinimum(points)!.index).toBe(0);
  });

  test('a minimum within half a decade of the first rate suggests nothing (start lower)', () => {
    const points = synthetic((d) => (d + 3.8) ** 2);
    expect(Math.log10(smoothedMinimum(points)!.lr)).toBeCloseTo(-3.8, 1);
    expect(suggestLearningRate(points)).toBeNull();
    expect(steepestDescent(points)).not.toBeNull();
  });

  test('an empty sweep has no minimum', () => {
    expect(smoothedMinimum([])).toBeNull();
    expect(suggestLearningRate([])).toBeNull();
    expect(steepestDescent([])).toBeNull();
  });
});
