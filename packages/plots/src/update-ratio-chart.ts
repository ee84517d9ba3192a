import type { DiagnosticsFile } from '@makemore/train';
import type { ChartOptions } from './chart-options.js';
import { type ChartSpec, VEGA_LITE_SCHEMA } from './render-svg.js';

/** Where the lecture draws its guide line: updates about a thousandth of the values. */
export const UPDATE_RATIO_GUIDE = -3;

/** Up to this many records, each recorded value is also drawn as a point. */
const FEW_RECORDS = 12;

type Layer = NonNullable<Extract<ChartSpec, { layer: unknown }>['layer']>;

/**
 * The part-3 lecture's update-to-data ratio plot: `log10(std(lr · grad) / std(data))` over the
 * recorded steps, one line per 2-D parameter (the weights; the lecture leaves out biases and
 * batch-norm gains), with the black guide line at -3. Lines far above it learn too fast, far below
 * too slowly.
 *
 * @param file - a parsed `diagnostics.json` (`parseDiagnostics(bytes)`)
 * @param options - title (default: the model and what is drawn) and size
 * @example
 * ```ts
 * const svg = await renderSvg(updateRatioChart(parseDiagnostics(bytes)));
 * ```
 */
export function updateRatioChart(file: DiagnosticsFile, options: ChartOptions = {}): ChartSpec {
  const values: { step: number; parameter: string; ratio: number }[] = [];
  const order: string[] = [];
  for (const record of file.records) {
    for (const parameter of record.parameters) {
      if (parameter.shape.length !== 2 || parameter.updateToData === null) continue;
      const label = `${parameter.name} [${parameter.shape.join('×')}]`;
      if (!order.includes(label)) order.push(label);
      values.push({ step: record.step, parameter: label, ratio: parameter.updateToData });
    }
  }
  // Records are in increasing step order.
  const first = file.records[0]?.step ?? 0;
  const last = file.records.at(-1)?.step ?? first;
  const x = {
    field: 'step',
    type: 'quantitative',
    scale: { zero: false, nice: false },
    title: 'step',
  } as const;
  const encoding = {
    x,
    y: {
      field: 'ratio',
      type: 'quantitative',
      scale: { zero: false },
      title: 'log10(std(lr · grad) / std(data))',
    },
    color: { field: 'parameter', type: 'nominal', sort: order, legend: { title: null, labelLimit: 0 } },
  } as const;
  const layers: Layer = [
    { data: { values }, mark: { type: 'line', strokeWidth: 1.5 }, encoding },
    {
      // The guide: a horizontal line across the recorded steps, drawn in data so it shows on any domain.
      data: {
        values: [
          { step: first, guide: UPDATE_RATIO_GUIDE },
          { step: last, guide: UPDATE_RATIO_GUIDE },
        ],
      },
      mark: { type: 'line', color: 'black', strokeDash: [6, 4], strokeWidth: 1 },
      encoding: { x, y: { field: 'guide', type: 'quantitative' } },
    },
  ];
  // With few records a line is a few segments (or, from one record, nothing): mark each recorded value.
  if (file.records.length <= FEW_RECORDS) {
    layers.push({ data: { values }, mark: { type: 'point', filled: true, size: 30 }, encoding });
  }
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? `${file.model}: update-to-data ratio of each weight`,
    width: options.width ?? 640,
    height: options.height ?? 300,
    background: 'white',
    layer: layers,
  };
}
