import { describe, expect, test } from 'vitest';
import { legendLabels, markPaths, svgElements } from '../../../tests/support/svg-document.js';
import { renderSvg } from './render-svg.js';
import { diagnosticsFile } from './test-support/diagnostics-fixtures.js';
import { UPDATE_RATIO_GUIDE, updateRatioChart } from './update-ratio-chart.js';

type Row = { step: number; parameter?: string; ratio?: number; guide?: number };
const layers = (spec: ReturnType<typeof updateRatioChart>) =>
  (spec as { layer: { data: { values: Row[] } }[] }).layer;

describe('updateRatioChart', () => {
  test('follows each 2-D weight with a ratio over the steps, and the guide at -3 across them', () => {
    const [lines, guide] = layers(updateRatioChart(diagnosticsFile()));
    expect(
      lines!.data.values.filter((v) => v.parameter === 'W1 [30×4]').map((v) => [v.step, v.ratio]),
    ).toEqual([
      [100, -2],
      [200, -2.5],
      [300, -2.8],
    ]);
    // b1 is 1-D and W3 has no ratio yet: neither is drawn.
    expect(new Set(lines!.data.values.map((v) => v.parameter))).toEqual(new Set(['W1 [30×4]', 'W2 [4×27]']));
    expect(guide!.data.values).toEqual([
      { step: 100, guide: UPDATE_RATIO_GUIDE },
      { step: 300, guide: UPDATE_RATIO_GUIDE },
    ]);
    expect(UPDATE_RATIO_GUIDE).toBe(-3);
  });

  test('renders one line per weight and the guide line', async () => {
    const svg = await renderSvg(updateRatioChart(diagnosticsFile()));
    expect(svgElements(svg)[0]).toBe('svg');
    expect(markPaths(svg, 'layer_0_marks')).toHaveLength(2);
    const [guide] = markPaths(svg, 'layer_1_marks');
    // A horizontal line: two points at the same height.
    const [, y1, y2] = guide!.match(/^M[\d.]+,([\d.]+)L[\d.]+,([\d.]+)$/)!;
    expect(y1).toBe(y2);
    expect(legendLabels(svg)).toEqual(['W1 [30×4]', 'W2 [4×27]']);
    expect(svg).toContain('mlp: update-to-data ratio of each weight');
  });
});
