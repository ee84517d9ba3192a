import type { LrFindResult } from '@makemore/train';
import type { TopLevelSpec } from 'vega-lite';
import { vegaLiteToSvg } from './vega.js';

const BATCH = 'batch loss';
const SMOOTHED = 'smoothed loss';

/** How a suggested rate is written on the chart and in the command's line: two significant digits. */
export const formatLearningRate = (lr: number): string => Number(lr.toPrecision(2)).toString();

/**
 * The part-2 lecture's learning-rate plot as a Vega-Lite spec: each step's batch loss (light) and the
 * smoothed loss (bold) against the learning rate on a log axis, the suggested rate marked. The y axis
 * stops a little above the smoothed curve, so a blow-up's last batches do not flatten the rest.
 *
 * @param result - what `findLearningRate` returned
 * @param title - the chart's title
 */
export function lrFindSpec(result: LrFindResult, title: string): TopLevelSpec {
  const values = result.points.map(({ lr, loss, smoothed }) => ({ lr, loss, smoothed }));
  const lows = result.points.map((p) => p.loss);
  const highs = result.points.map((p) => p.smoothed);
  const domain = [Math.min(...lows, ...highs), Math.max(...highs) * 1.05];
  const x = {
    field: 'lr',
    type: 'quantitative',
    scale: { type: 'log' },
    title: 'learning rate (log scale)',
  } as const;
  const y = {
    field: 'loss',
    type: 'quantitative',
    scale: { domain, zero: false, nice: false },
    title: 'loss (average NLL per token)',
  } as const;
  const suggestion = result.suggestion;
  const color = (series: string) =>
    ({
      datum: series,
      scale: { domain: [BATCH, SMOOTHED], range: ['#9ecae1', '#08519c'] },
      legend: { title: null, orient: 'top-right' },
    }) as const;
  const marks: NonNullable<Extract<TopLevelSpec, { layer: unknown }>['layer']> = [
    {
      data: { values },
      mark: { type: 'line', clip: true, strokeWidth: 1 },
      encoding: { x, y, color: color(BATCH) },
    },
    {
      data: { values },
      mark: { type: 'line', clip: true, strokeWidth: 2.5 },
      encoding: { x, y: { ...y, field: 'smoothed' }, color: color(SMOOTHED) },
    },
  ];
  if (suggestion !== null) {
    const point = {
      lr: suggestion.lr,
      loss: suggestion.smoothed,
      label: `suggested ${formatLearningRate(suggestion.lr)}`,
    };
    marks.push(
      {
        data: { values: [point] },
        mark: { type: 'point', filled: true, size: 90, color: '#e6550d' },
        encoding: { x, y },
      },
      {
        data: { values: [point] },
        mark: { type: 'text', align: 'left', dx: 8, dy: -10, fontSize: 12, color: '#e6550d' },
        encoding: { x, y, text: { field: 'label' } },
      },
    );
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 640,
    height: 360,
    background: 'white',
    layer: marks,
  };
}

/**
 * {@link lrFindSpec} drawn as a standalone SVG document.
 *
 * @param result - what `findLearningRate` returned
 * @param title - the chart's title
 */
export function lrFindSvg(result: LrFindResult, title: string): Promise<string> {
  return vegaLiteToSvg(lrFindSpec(result, title));
}
