import { describe, expect, test } from 'vitest';
import {
  diagnosticsSvgs,
  histogramLayers,
  lrFindSvg,
  saturationLayer,
  sweepSoFar,
} from './diagnostics-charts.js';
import { runLrFindJob } from './lr-find-job.js';
import { runTrainingJob } from './training-job.js';
import { MessageLog, tinyRequest, tinySweep } from './training-test-support.js';

/** The text of each legend entry of a vega SVG. */
const legendLabels = (svg: string) =>
  [...svg.matchAll(/role-legend-label[^>]*>(?:<[^>]*>)*?<text[^>]*>([^<]*)</g)].map((m) => m[1]);

describe('the diagnostics panel’s pictures', () => {
  test('histograms with one line per layer, the saturation map and the update ratios of an mlp', async () => {
    const log = new MessageLog();
    await runTrainingJob(tinyRequest('mlp', { diagnostics: true, samples: 0 }), log.post);
    const records = log.of('diagnostics').map((m) => m.record);
    expect(records).toHaveLength(2);
    const svgs = await diagnosticsSvgs('mlp', records);
    expect(svgs.step).toBe(4);
    for (const svg of [svgs.activations, svgs.gradients, svgs.saturation!, svgs.updates]) {
      expect(svg).toMatch(/^<svg[^>]*>/);
    }
    const layers = histogramLayers(records[1]!, 'activation');
    expect(layers.map((l) => l.name)).toEqual(['h']);
    expect(legendLabels(svgs.activations)).toHaveLength(layers.length);
    expect(legendLabels(svgs.activations)[0]).toMatch(/^h \(tanh\): mean/);
    expect(legendLabels(svgs.gradients)).toHaveLength(histogramLayers(records[1]!, 'gradient').length);
    expect(saturationLayer(records[1]!)?.name).toBe('h');
    expect(svgs.saturation).toContain('white where |tanh| &gt; 0.97');
    expect(svgs.updates).toContain('W1');
    // An earlier step draws that record, and the ratios only up to it.
    const first = await diagnosticsSvgs('mlp', records, 0);
    expect(first.step).toBe(2);
    await expect(diagnosticsSvgs('mlp', [])).rejects.toThrow(/no diagnostics record/);
  });

  test('the sweep’s curve, live and with its suggestion marked', async () => {
    const log = new MessageLog();
    const done = await runLrFindJob(tinySweep('mlp'), log.post);
    const { result } = done!;
    const live = sweepSoFar('mlp', tinySweep('mlp'), result.points.slice(0, 10));
    expect(await lrFindSvg(live)).not.toContain('suggested');
    const svg = await lrFindSvg(result);
    expect(svg).toMatch(/^<svg/);
    expect(svg).toContain('suggested');
  });
});
