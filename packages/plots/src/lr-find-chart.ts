import type { LrFindResult } from '@makemore/train';
import type { ChartOptions } from './chart-options.js';
import { type ChartSpec, VEGA_LITE_SCHEMA } from './render-svg.js';

const BATCH = 'batch loss';
const SMOOTHED = 'smoothed loss';

type Layer = NonNullable<Extract<ChartSpec, { layer: unknown }>['layer']>;

/**
 * How a learning rate is written on the chart and in the CLI's line: two significant digits.
 *
 * @example
 * ```ts
 * formatLearningRate(0.123456); // '0.12'
 * ```
 */
export const formatLearningRate = (lr: number): string => Number(lr.toPrecision(2)).toString();

/**
 * The part-2 lecture's learning-rate plot: each step's batch loss (light) and the smoothed loss
 * (bold) against the learning rate on a log axis, the suggested rate marked. The y axis stops a
 * little above the smoothed curve, so a blow-up's last batches do not flatten the rest.
 *
 * @param result - what `findLearningRate` of `@makemore/train` returned
 * @param options - title (default: the model and "loss while the learning rate grows") and size
 */
export function lrFindChart(result: LrFindResult, options: ChartOptions = {}): ChartSpec {
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
  const color = (series: string) =>
    ({
      datum: series,
      scale: { domain: [BATCH, SMOOTHED], range: ['#9ecae1', '#08519c'] },
      legend: { title: null, orient: 'top-right' },
    }) as const;
  const marks: Layer = [
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
  const suggestion = result.suggestion;
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
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? `${result.model}: loss while the learning rate grows`,
    width: options.width ?? 640,
    height: options.height ?? 360,
    background: 'white',
    layer: marks,
  };
}
