import type { DiagnosticsRecord } from './diagnostics-format.js';

/** A {@link DiagnosticsRecord} without its histograms and saturation maps: one short line of JSON. */
export interface DiagnosticsSummary {
  /** The record's step. */
  step: number;
  /** The record's learning rate. */
  lr: number;
  /** The batch's loss. */
  loss: number;
  /** Per layer: activation mean and std, saturated fraction (tanh layers, else null), gradient std. */
  layers: { name: string; mean: number; std: number; saturated: number | null; gradStd: number | null }[];
  /** Per parameter: the update-to-data ratio (log10). */
  parameters: { name: string; updateToData: number | null }[];
}

/**
 * The numbers of a record that the part-3 lecture prints, for logs and `--json` output (the full
 * record, histograms included, is in `diagnostics.json`).
 */
export function summarizeDiagnostics(record: DiagnosticsRecord): DiagnosticsSummary {
  return {
    step: record.step,
    lr: record.lr,
    loss: record.loss,
    layers: record.layers.map((l) => ({
      name: l.name,
      mean: l.activation.mean,
      std: l.activation.std,
      saturated: l.saturated,
      gradStd: l.grad?.std ?? null,
    })),
    parameters: record.parameters.map((p) => ({ name: p.name, updateToData: p.updateToData })),
  };
}
