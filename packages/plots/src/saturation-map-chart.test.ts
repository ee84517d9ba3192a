import { describe, expect, test } from 'vitest';
import { svgElements } from '../../../tests/support/svg-document.js';
import { renderSvg } from './render-svg.js';
import { saturationMapChart } from './saturation-map-chart.js';
import { HPREACT, tanhLayer } from './test-support/diagnostics-fixtures.js';

type Run = { row: number; start: number; end: number };
const layers = (spec: ReturnType<typeof saturationMapChart>) =>
  (spec as { layer: { data: { values: Run[] }; mark: { color: string } }[] }).layer;

describe('saturationMapChart', () => {
  const layer = tanhLayer('h', ['1100', '0111', '0000', '1001'], 0.4375);

  test('draws a black ground and one white rectangle per saturated run of a row', () => {
    const [ground, white] = layers(saturationMapChart(layer));
    expect(ground!.mark.color).toBe('black');
    expect(ground!.data.values).toEqual([{ row: 0, rowEnd: 4, start: 0, end: 4 }]);
    expect(white!.mark.color).toBe('white');
    expect(white!.data.values.map(({ row, start, end }) => [row, start, end])).toEqual([
      [0, 0, 2],
      [1, 1, 4],
      [3, 0, 1],
      [3, 3, 4],
    ]);
  });

  test('names the layer, the threshold and the saturated share in its title', () => {
    expect(saturationMapChart(layer, { threshold: 0.97 }).title).toEqual({
      text: 'h: white where |tanh| > 0.97',
      subtitle: '4 examples × 4 units, 43.8% saturated',
    });
  });

  test('refuses a layer without a map', () => {
    expect(() => saturationMapChart(HPREACT)).toThrow(/hpreact has no saturation map/);
  });

  test('renders the white rectangles over the black one', async () => {
    const svg = await renderSvg(saturationMapChart(layer));
    expect(svgElements(svg)[0]).toBe('svg');
    const white = svg.split('layer_1_marks"')[1]!.split('</g>')[0]!;
    expect(white.match(/<path /g)).toHaveLength(4);
    expect(white).toContain('fill="white"');
  });
});
