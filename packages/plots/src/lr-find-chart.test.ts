import type { LrFindResult } from '@makemore/train';
import { describe, expect, test } from 'vitest';
import { formatLearningRate, lrFindChart } from './lr-find-chart.js';

const points = [0.001, 0.01, 0.1, 1].map((lr, i) => ({
  lr,
  loss: [3.3, 3, 2.4, 9][i]!,
  smoothed: [3.3, 3.1, 2.6, 4][i]!,
}));
const result: LrFindResult = {
  model: 'mlp',
  from: 0.001,
  to: 1,
  steps: 4,
  points,
  suggestion: { lr: 0.1, index: 2, smoothed: 2.6 },
  minimum: { lr: 0.1, index: 2, smoothed: 2.6 },
  steepest: { lr: 0.1, index: 2, smoothed: 2.6 },
  stopped: 'blow-up',
};
type Layer = { data: { values: Record<string, unknown>[] }; mark: { type: string } };
const layers = (spec: ReturnType<typeof lrFindChart>) => (spec as { layer: Layer[] }).layer;

describe('lrFindChart', () => {
  test('draws both losses and marks the suggested rate with its label', () => {
    const spec = lrFindChart(result);
    expect(layers(spec).map((l) => l.mark.type)).toEqual(['line', 'line', 'point', 'text']);
    expect(layers(spec)[3]!.data.values).toEqual([{ lr: 0.1, loss: 2.6, label: 'suggested 0.1' }]);
    expect(spec.title).toBe('mlp: loss while the learning rate grows');
  });

  test('marks nothing when there is no suggestion', () => {
    expect(
      layers(lrFindChart({ ...result, suggestion: null }, { title: 'x' })).map((l) => l.mark.type),
    ).toEqual(['line', 'line']);
  });

  test('writes rates with two significant digits', () => {
    expect([0.123456, 0.001, 1, 0.0456].map(formatLearningRate)).toEqual(['0.12', '0.001', '1', '0.046']);
  });
});
