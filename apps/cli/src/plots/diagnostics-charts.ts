import { activationHistogramsChart, renderSvg, saturationMapChart, updateRatioChart } from '@makemore/plots';
import { DIAGNOSTICS_FILE, type DiagnosticsRecord, parseDiagnostics } from '@makemore/train';
import { UsageError } from '../errors.js';
import { formatCount } from '../output.js';

/** The pictures drawn from `diagnostics.json`, by file name, and what could not be drawn. */
export interface DiagnosticsCharts {
  /** SVG documents by the file name `makemore plot` writes them under. */
  charts: Map<string, string>;
  /** Sentences for the user about pictures left out, without a trailing period. */
  notes: string[];
}

/** The record at `step`, or the last; a step that was not recorded is a usage error naming those that were. */
function recordAt(records: readonly DiagnosticsRecord[], step: number | undefined): DiagnosticsRecord {
  if (step === undefined) return records.at(-1)!;
  const found = records.find((record) => record.step === step);
  if (found) return found;
  const steps = records.map((record) => formatCount(record.step));
  const shown = steps.length > 12 ? [...steps.slice(0, 6), '…', ...steps.slice(-5)] : steps;
  throw new UsageError(
    `${DIAGNOSTICS_FILE} has no record at step ${formatCount(step)}; the recorded steps are ${shown.join(', ')}.`,
  );
}

/**
 * The part-3 lecture's pictures of a training run recorded with `--diagnostics`: the activation and
 * gradient histograms per layer and the saturation map of the first tanh layer that has one, at
 * `step` (default: the last record), and the update-to-data ratios over every recorded step.
 *
 * @param bytes - the contents of `diagnostics.json`
 * @param step - the recorded step to draw the histograms and the map at
 * @throws CheckpointError (from `parseDiagnostics`) for a damaged file; {@link UsageError} for a step not recorded
 */
export async function diagnosticsCharts(
  bytes: Uint8Array,
  step: number | undefined,
): Promise<DiagnosticsCharts> {
  const file = parseDiagnostics(bytes);
  const charts = new Map<string, string>();
  const notes: string[] = [];
  if (file.records.length === 0) {
    if (step !== undefined)
      throw new UsageError(`${DIAGNOSTICS_FILE} has no records, so there is no step to draw.`);
    return { charts, notes: [`${DIAGNOSTICS_FILE} has no records yet, so no diagnostics were drawn`] };
  }
  const record = recordAt(file.records, step);
  const at = `at step ${formatCount(record.step)}`;
  charts.set(
    'activation-histograms.svg',
    await renderSvg(
      activationHistogramsChart(record, { title: `${file.model}: activations per layer ${at}` }),
    ),
  );
  if (record.layers.some((layer) => layer.gradHistogram !== null)) {
    charts.set(
      'gradient-histograms.svg',
      await renderSvg(
        activationHistogramsChart(record, {
          kind: 'gradient',
          title: `${file.model}: gradients per layer ${at}`,
        }),
      ),
    );
  } else {
    notes.push(`no gradient reached the layers ${at}, so there is no gradient histogram`);
  }
  const mapped = record.layers.find((layer) => layer.tanh && layer.saturationMap !== null);
  if (mapped) {
    const chart = saturationMapChart(mapped, { threshold: file.saturationThreshold });
    charts.set('saturation-map.svg', await renderSvg(chart));
  } else {
    notes.push(`no 2-D tanh layer was recorded ${at}, so there is no saturation map`);
  }
  charts.set('update-ratio.svg', await renderSvg(updateRatioChart(file)));
  return { charts, notes };
}
