import { describe, expect, test } from 'vitest';
import { legendLabels, markPaths, svgElements } from '../../../tests/support/svg-document.js';
import { activationHistogramsChart } from './activation-histograms-chart.js';
import { renderSvg } from './render-svg.js';
import { HPREACT, record } from './test-support/diagnostics-fixtures.js';

type Point = { series: string; x: number; density: number };
const pointsOf = (spec: ReturnType<typeof activationHistogramsChart>) =>
  (spec as { data: { values: Point[] } }).data.values;

describe('activationHistogramsChart', () => {
  test('draws each tanh layer as one line of densities through its bins, as the lecture', () => {
    const points = pointsOf(activationHistogramsChart(record(300)));
    const series = [...new Set(points.map((p) => p.series))];
    expect(series).toEqual([
      'h (tanh): mean +0.02, std 0.80, saturated 43.8%',
      'h2 (tanh): mean +0.02, std 0.80, saturated 6.3%',
    ]);
    const h = points.filter((p) => p.series === series[0]);
    expect(h.map((p) => p.x)).toEqual([-0.75, -0.25, 0.25, 0.75]);
    // Densities: each bin is 0.5 wide, so they integrate to 1.
    expect(h.reduce((sum, p) => sum + p.density * 0.5, 0)).toBeCloseTo(1, 12);
  });

  test('draws the gradients at each layer with kind gradient', () => {
    const spec = activationHistogramsChart(record(300), { kind: 'gradient' });
    const series = new Set(pointsOf(spec).map((p) => p.series));
    expect([...series]).toEqual([
      'h (tanh): mean -4.0e-4, std 1.2e-2',
      'h2 (tanh): mean -4.0e-4, std 1.2e-2',
    ]);
    expect(spec.title).toBe('gradients per layer at step 300');
  });

  test('draws every layer when none is a tanh, and leaves out layers without gradients', () => {
    const noTanh = { ...record(5), layers: [HPREACT] };
    expect(new Set(pointsOf(activationHistogramsChart(noTanh)).map((p) => p.series))).toEqual(
      new Set(['hpreact: mean -1.20, std 7.00']),
    );
    expect(pointsOf(activationHistogramsChart(noTanh, { kind: 'gradient' }))).toEqual([]);
  });

  test('renders one line per layer with the legend of the lecture', async () => {
    const svg = await renderSvg(activationHistogramsChart(record(300), { title: 'fresh MLP' }));
    expect(svgElements(svg)[0]).toBe('svg');
    expect(markPaths(svg, 'marks')).toHaveLength(2);
    expect(legendLabels(svg)).toEqual([
      'h (tanh): mean +0.02, std 0.80, saturated 43.8%',
      'h2 (tanh): mean +0.02, std 0.80, saturated 6.3%',
    ]);
    expect(svg).toContain('>fresh MLP</text>');
  });
});
