import type { LayerDiagnostics } from '@makemore/train';
import type { ChartOptions } from './chart-options.js';
import { type ChartSpec, VEGA_LITE_SCHEMA } from './render-svg.js';

/** Options of {@link saturationMapChart}. */
export interface SaturationMapOptions extends ChartOptions {
  /** The threshold the map was recorded with (`diagnostics.json`'s `saturationThreshold`), for the title. */
  threshold?: number | undefined;
}

/** A run of saturated values in one row: units `[start, end)`. */
interface SaturatedRun {
  row: number;
  start: number;
  end: number;
}

/** The saturated stretches of each row, so the picture is a few rectangles, not one per value. */
function saturatedRuns(rows: readonly string[]): SaturatedRun[] {
  const runs: SaturatedRun[] = [];
  rows.forEach((bits, row) => {
    for (const match of bits.matchAll(/1+/g)) {
      runs.push({ row, start: match.index, end: match.index + match[0].length });
    }
  });
  return runs;
}

/**
 * The part-3 lecture's saturation map (`plt.imshow(h.abs() > 0.99, cmap='gray')`): one row per
 * example of the batch, one column per unit of a tanh layer, white where the tanh is saturated. A
 * column white from top to bottom is a dead neuron: no gradient flows through it on this batch.
 *
 * @param layer - a layer of a diagnostics record with a `saturationMap` (a 2-D tanh output)
 * @param options - threshold (named in the title), title and size (default: square cells, at most 640 wide)
 * @throws Error when the layer has no saturation map
 * @example
 * ```ts
 * const layer = record.layers.find((l) => l.saturationMap !== null)!;
 * const svg = await renderSvg(saturationMapChart(layer, { threshold: file.saturationThreshold }));
 * ```
 */
export function saturationMapChart(layer: LayerDiagnostics, options: SaturationMapOptions = {}): ChartSpec {
  const map = layer.saturationMap;
  if (map === null)
    throw new Error(`Layer ${layer.name} has no saturation map (only 2-D tanh outputs have one).`);
  const rows = map.length;
  const units = map[0]?.length ?? 0;
  const cell = Math.max(1, Math.min(12, Math.floor(640 / Math.max(units, 1))));
  const width = options.width ?? Math.max(units * cell, 120);
  const height = options.height ?? Math.max(rows * cell, 60);
  const saturated = layer.saturated === null ? '' : `, ${(layer.saturated * 100).toFixed(1)}% saturated`;
  const threshold = options.threshold === undefined ? 'saturated' : `|tanh| > ${options.threshold}`;
  const unitDomain = [0, units];
  const rowDomain = [0, rows];
  const x = {
    field: 'start',
    type: 'quantitative',
    scale: { domain: unitDomain, nice: false, zero: true },
    axis: { title: `unit (${units})`, tickMinStep: 1 },
  } as const;
  const y = {
    field: 'row',
    type: 'quantitative',
    scale: { domain: rowDomain, nice: false, reverse: true },
    axis: { title: `example in the batch (${rows})`, tickMinStep: 1 },
  } as const;
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? {
      text: `${layer.name}: white where ${threshold}`,
      subtitle: `${rows} examples × ${units} units${saturated}`,
    },
    width,
    height,
    background: 'white',
    layer: [
      {
        // The black ground: every value not saturated.
        data: { values: [{ row: 0, rowEnd: rows, start: 0, end: units }] },
        mark: { type: 'rect', color: 'black', aria: false },
        encoding: { x, x2: { field: 'end' }, y, y2: { field: 'rowEnd' } },
      },
      {
        data: { values: saturatedRuns(map).map((run) => ({ ...run, rowEnd: run.row + 1 })) },
        // One aria label per rectangle would only repeat the title, at twice the file size.
        mark: { type: 'rect', color: 'white', aria: false },
        encoding: { x, x2: { field: 'end' }, y, y2: { field: 'rowEnd' } },
      },
    ],
  };
}
