import type { DiagnosticsRecord, Histogram, LayerDiagnostics, Moments } from '@makemore/train';
import type { ChartOptions } from './chart-options.js';
import { type ChartSpec, VEGA_LITE_SCHEMA } from './render-svg.js';

/** Which of a layer's two histograms to draw: its output's or its output's gradient's. */
export type HistogramKind = 'activation' | 'gradient';

/** Options of {@link activationHistogramsChart}. */
export interface HistogramsChartOptions extends ChartOptions {
  /** `activation` (default) draws the layers' outputs, `gradient` the loss's gradient at them. */
  kind?: HistogramKind | undefined;
}

/** One point of one layer's line: a bin's centre and its density. */
interface HistogramPoint {
  series: string;
  x: number;
  density: number;
}

const signed = (value: number, digits: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(digits)}`;

/** The legend entry of a layer: the lecture's printout of mean, std and saturation. */
function seriesLabel(layer: LayerDiagnostics, moments: Moments, kind: HistogramKind): string {
  const name = layer.tanh ? `${layer.name} (tanh)` : layer.name;
  if (kind === 'gradient') {
    return `${name}: mean ${moments.mean.toExponential(1)}, std ${moments.std.toExponential(1)}`;
  }
  const saturated = layer.saturated === null ? '' : `, saturated ${(layer.saturated * 100).toFixed(1)}%`;
  return `${name}: mean ${signed(moments.mean, 2)}, std ${moments.std.toFixed(2)}${saturated}`;
}

/**
 * A histogram as a line through its bins' centres, as density (count over total and bin width) so
 * layers of different sizes share the y axis, as `torch.histogram(t, density=True)` in the lecture.
 */
function densityPoints(series: string, { edges, counts }: Histogram): HistogramPoint[] {
  const total = counts.reduce((sum, count) => sum + count, 0);
  return counts.map((count, i) => {
    const low = edges[i] ?? 0;
    const high = edges[i + 1] ?? low;
    const width = high - low;
    return { series, x: (low + high) / 2, density: total > 0 && width > 0 ? count / (total * width) : 0 };
  });
}

/**
 * The part-3 lecture's "histogram of activations per layer" (or, with `kind: 'gradient'`, of the
 * gradients at each layer's output): one line per layer at one recorded step, its legend entry
 * giving the layer's mean, std and, for a tanh, the saturated percentage. As in the lecture, only
 * the tanh layers are drawn when the record has any (every layer otherwise); layers without a
 * gradient histogram are left out of the gradient chart.
 *
 * @param record - one record of a `diagnostics.json` (`parseDiagnostics(bytes).records[i]`)
 * @param options - which histograms, title (default: what is drawn and the step) and size
 * @example
 * ```ts
 * const svg = await renderSvg(activationHistogramsChart(file.records.at(-1)!, { kind: 'gradient' }));
 * ```
 */
export function activationHistogramsChart(
  record: DiagnosticsRecord,
  options: HistogramsChartOptions = {},
): ChartSpec {
  const kind = options.kind ?? 'activation';
  const values: HistogramPoint[] = [];
  const order: string[] = [];
  // The lecture draws only the tanh layers: their range is fixed, where a pre-activation's may be
  // wide enough to flatten every other line.
  const tanhLayers = record.layers.filter((layer) => layer.tanh);
  for (const layer of tanhLayers.length > 0 ? tanhLayers : record.layers) {
    const moments = kind === 'activation' ? layer.activation : layer.grad;
    const histogram = kind === 'activation' ? layer.histogram : layer.gradHistogram;
    if (moments === null || histogram === null) continue;
    const series = seriesLabel(layer, moments, kind);
    order.push(series);
    values.push(...densityPoints(series, histogram));
  }
  const what = kind === 'activation' ? 'activations' : 'gradients';
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: options.title ?? `${what} per layer at step ${record.step.toLocaleString('en-US')}`,
    width: options.width ?? 640,
    height: options.height ?? 300,
    background: 'white',
    data: { values },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      x: { field: 'x', type: 'quantitative', title: kind === 'activation' ? 'value' : 'gradient' },
      y: { field: 'density', type: 'quantitative', title: 'density' },
      color: {
        field: 'series',
        type: 'nominal',
        sort: order,
        legend: { title: null, orient: 'bottom', direction: 'vertical', labelLimit: 0 },
      },
    },
  };
}
