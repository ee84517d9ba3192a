/**
 * The makemore lectures' charts as Vega-Lite specs, built by pure functions from what
 * `@makemore/train` records (a learning-rate sweep, `diagnostics.json`), and {@link renderSvg},
 * which draws any of them as SVG in Node or a browser. vega and vega-lite load on the first
 * {@link renderSvg}, so importing this package costs nothing until something is drawn.
 *
 * @packageDocumentation
 */
export {
  activationHistogramsChart,
  type HistogramKind,
  type HistogramsChartOptions,
} from './activation-histograms-chart.js';
export type { ChartOptions } from './chart-options.js';
export { formatLearningRate, lrFindChart } from './lr-find-chart.js';
export { type ChartSpec, renderSvg, VEGA_LITE_SCHEMA } from './render-svg.js';
export { type SaturationMapOptions, saturationMapChart } from './saturation-map-chart.js';
export { UPDATE_RATIO_GUIDE, updateRatioChart } from './update-ratio-chart.js';
