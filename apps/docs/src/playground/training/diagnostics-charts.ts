import {
  activationHistogramsChart,
  lrFindChart,
  renderSvg,
  saturationMapChart,
  updateRatioChart,
} from '@makemore/plots';
import {
  DIAGNOSTICS_FORMAT,
  DIAGNOSTICS_VERSION,
  type DiagnosticsFile,
  type DiagnosticsRecord,
  type LayerDiagnostics,
  type LrFindPoint,
  type LrFindResult,
  SATURATION_THRESHOLD,
} from '@makemore/train';

// The playground's pictures of a training's diagnostics and of a learning-rate sweep: the charts
// `makemore plot` and `makemore lr-find` write, from @makemore/plots. The page imports this module
// only when it first draws one, so vega stays out of its first load.

/** How the charts write a learning rate (two significant digits): the rate "Use this rate" sets. */
export { formatLearningRate } from '@makemore/plots';

/** Width of the charts' plotting area on the page (the SVG scales down to narrower columns). */
const CHART_WIDTH = 520;

/** The pictures of one recorded step, as SVG documents. */
export interface DiagnosticsSvgs {
  /** The step drawn. */
  step: number;
  /** Histograms of the layers' outputs, one line per layer (the tanh layers when there are any). */
  activations: string;
  /** Histograms of the loss's gradient at those outputs. */
  gradients: string;
  /** Saturation map of the first tanh layer with one (white = saturated); null when none has one. */
  saturation: string | null;
  /** Update-to-data ratio of every weight over the steps recorded so far, with the 1e-3 guide line. */
  updates: string;
}

/**
 * The layers a histogram chart draws one line for, as @makemore/plots picks them: the tanh layers
 * when the record has any (the lecture's choice), else every layer; a gradient chart skips layers
 * no gradient reached.
 *
 * @param record - one evaluation's record
 * @param kind - the outputs' histograms or their gradients'
 */
export function histogramLayers(
  record: DiagnosticsRecord,
  kind: 'activation' | 'gradient',
): LayerDiagnostics[] {
  const tanh = record.layers.filter((layer) => layer.tanh);
  const drawn = tanh.length > 0 ? tanh : record.layers;
  return kind === 'activation' ? drawn : drawn.filter((layer) => layer.gradHistogram !== null);
}

/** The layer whose saturation map is drawn: the first with one (a 2-D tanh output), or undefined. */
export function saturationLayer(record: DiagnosticsRecord): LayerDiagnostics | undefined {
  return record.layers.find((layer) => layer.saturationMap !== null);
}

/**
 * Draws a training's diagnostics as the page shows them: the histograms and the saturation map of
 * the record at `index`, and the update-to-data ratios of every record up to it.
 *
 * @param model - the model trained, for the titles
 * @param records - the records so far, oldest first
 * @param index - which record (default: the latest)
 * @throws Error when there is no record at `index`
 */
export async function diagnosticsSvgs(
  model: string,
  records: readonly DiagnosticsRecord[],
  index = records.length - 1,
): Promise<DiagnosticsSvgs> {
  const record = records[index];
  if (record === undefined) throw new Error(`There is no diagnostics record ${index} of ${records.length}.`);
  const size = { width: CHART_WIDTH, height: 220 };
  const saturated = saturationLayer(record);
  const file: DiagnosticsFile = {
    format: DIAGNOSTICS_FORMAT,
    formatVersion: DIAGNOSTICS_VERSION,
    model,
    saturationThreshold: SATURATION_THRESHOLD,
    records: records.slice(0, index + 1),
  };
  const [activations, gradients, saturation, updates] = await Promise.all([
    renderSvg(activationHistogramsChart(record, { ...size, kind: 'activation' })),
    renderSvg(activationHistogramsChart(record, { ...size, kind: 'gradient' })),
    saturated === undefined
      ? null
      : renderSvg(saturationMapChart(saturated, { threshold: SATURATION_THRESHOLD })),
    renderSvg(updateRatioChart(file, size)),
  ]);
  return { step: record.step, activations, gradients, saturation, updates };
}

/**
 * A sweep still running, as a result the chart draws: its points so far, nothing marked yet.
 *
 * @param model - the model swept
 * @param range - the sweep's first and last rate and its steps
 * @param points - the points so far
 */
export function sweepSoFar(
  model: string,
  range: { from: number; to: number; steps: number },
  points: readonly LrFindPoint[],
): LrFindResult {
  return { model, ...range, points, suggestion: null, minimum: null, steepest: null, stopped: 'done' };
}

/**
 * The part-2 lecture's loss-against-learning-rate curve, the suggested rate marked.
 *
 * @param result - the sweep's result (or {@link sweepSoFar} while it runs)
 */
export function lrFindSvg(result: LrFindResult): Promise<string> {
  return renderSvg(lrFindChart(result, { width: CHART_WIDTH, height: 260 }));
}
