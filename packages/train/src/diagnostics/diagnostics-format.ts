import { CheckpointError } from '../checkpoint-error.js';
import {
  array,
  boolean,
  type Check,
  leaf,
  literal,
  nonEmptyString,
  nonNegativeInteger,
  nonNegativeNumber,
  nullable,
  number,
  object,
  positiveInteger,
  positiveNumber,
  SchemaIssue,
} from '../schema/check.js';

/** The file a training with diagnostics adds to its model directory, beside `training-state.json`. */
export const DIAGNOSTICS_FILE = 'diagnostics.json';

/** Written into `diagnostics.json` so a stray JSON file is not mistaken for one. */
export const DIAGNOSTICS_FORMAT = 'makemore-ts/diagnostics';

/** The newest `diagnostics.json` version this package reads and the one it writes. */
export const DIAGNOSTICS_VERSION = 1;

/** A tanh output counts as saturated beyond this magnitude (the part-3 lecture's `h.abs() > 0.97`). */
export const SATURATION_THRESHOLD = 0.97;

/** Bins of each histogram unless the caller asks for others. */
export const DEFAULT_HISTOGRAM_BINS = 50;

/** Mean and standard deviation (Bessel-corrected, as PyTorch's `std()`). */
export interface Moments {
  /** The mean. */
  mean: number;
  /** The standard deviation; 0 for a single value. */
  std: number;
}

/**
 * Counts of values in equal bins between the smallest and the largest value: bin `i` holds the
 * values in `[edges[i], edges[i + 1])`, the last bin also its upper edge.
 */
export interface Histogram {
  /** `bins + 1` increasing edges. */
  edges: number[];
  /** `bins` counts; they sum to the number of values. */
  counts: number[];
}

/** The statistics of one layer's output over one batch (the part-3 lecture's per-layer printout). */
export interface LayerDiagnostics {
  /** Dotted name the model reported the output under (`h`, `hpreact`, `net.2`). */
  name: string;
  /** How many values the statistics cover (every element of every report under this name). */
  count: number;
  /** Whether the output is a tanh's (then {@link LayerDiagnostics.saturated} is a number). */
  tanh: boolean;
  /** Mean and standard deviation of the output. */
  activation: Moments;
  /** Fraction of a tanh output beyond ±{@link SATURATION_THRESHOLD}; null for other layers. */
  saturated: number | null;
  /** Histogram of the output. */
  histogram: Histogram;
  /** Mean and standard deviation of the loss's gradient with respect to the output; null if none flowed. */
  grad: Moments | null;
  /** Histogram of that gradient; null if none flowed. */
  gradHistogram: Histogram | null;
  /**
   * For a tanh layer, the fraction of units (last axis) saturated in every row of the batch: the
   * lecture's "dead neurons", white columns of its saturation map. Null for other layers.
   */
  deadUnits: number | null;
  /**
   * For a 2-D tanh output `(rows, units)`, whether each value is saturated, row by row, at most
   * {@link SATURATION_MAP_ROWS} rows (the lecture's `plt.imshow(h.abs() > 0.99)`, here at the same
   * {@link SATURATION_THRESHOLD} as the saturated fraction); null otherwise.
   * As `0`/`1` strings of `units` characters, one per row, to keep the file small.
   */
  saturationMap: string[] | null;
}

/** Rows of a layer's output kept for the saturation map (the lecture shows the batch of 32). */
export const SATURATION_MAP_ROWS = 32;

/**
 * The statistics of one parameter's gradient after one step (the part-3 lecture's per-parameter
 * printout and its update-to-data ratio).
 */
export interface ParameterDiagnostics {
  /** Dotted name in the state dict (`W1`, `net.0.weight`). */
  name: string;
  /** The tensor's shape; the lecture's plots show the 2-D weights (`shape.length === 2`). */
  shape: number[];
  /** Standard deviation of the parameter's values. */
  dataStd: number;
  /** Mean and standard deviation of its gradient; null when no gradient reached it. */
  grad: Moments | null;
  /** `std(grad) / std(data)`; null when undefined (no gradient, or constant data such as zeros). */
  gradToData: number | null;
  /**
   * `log10(std(lr · grad) / std(data))`, the size of a plain SGD step relative to the values (the
   * lecture aims for about -3); null when undefined (no or zero gradient, or constant data).
   */
  updateToData: number | null;
}

/** Everything recorded at one step: the layers' outputs and the parameters' gradients on that step's batch. */
export interface DiagnosticsRecord {
  /** Steps completed once this batch's update was applied (the evaluation's step). */
  step: number;
  /** The learning rate of the step. */
  lr: number;
  /** The batch's loss. */
  loss: number;
  /** Every reported layer output, in the order the model reported them. */
  layers: LayerDiagnostics[];
  /** Every parameter, in state-dict order. */
  parameters: ParameterDiagnostics[];
}

/**
 * The contents of `diagnostics.json`, version {@link DIAGNOSTICS_VERSION}: one record per evaluation
 * of a training run with diagnostics on, oldest first (a resumed run appends to them).
 *
 * @example
 * ```json
 * { "format": "makemore-ts/diagnostics", "formatVersion": 1, "model": "mlp", "saturationThreshold": 0.97,
 *   "records": [{ "step": 1000, "lr": 0.1, "loss": 2.41,
 *     "layers": [{ "name": "h", "count": 6400, "tanh": true, "activation": { "mean": 0.01, "std": 0.72 },
 *                  "saturated": 0.11, "histogram": { "edges": [...], "counts": [...] }, ... }],
 *     "parameters": [{ "name": "W1", "shape": [30, 200], "updateToData": -2.9, ... }] }] }
 * ```
 */
export interface DiagnosticsFile {
  /** Always {@link DIAGNOSTICS_FORMAT}. */
  format: typeof DIAGNOSTICS_FORMAT;
  /** The version it was written with. */
  formatVersion: number;
  /** Registry name of the model. */
  model: string;
  /** The saturation threshold the records used. */
  saturationThreshold: number;
  /** The records, by increasing step. */
  records: DiagnosticsRecord[];
}

const histogramSchema: Check<Histogram> = object({ edges: array(number), counts: array(nonNegativeInteger) });
const momentsSchema: Check<Moments> = object({ mean: number, std: nonNegativeNumber });
const saturationRow = leaf<string>('a string of 0 and 1', (v) => typeof v === 'string' && /^[01]*$/.test(v));
const fraction = leaf<number>('a number from 0 to 1', (v) => typeof v === 'number' && v >= 0 && v <= 1);

const layerSchema: Check<LayerDiagnostics> = object({
  name: nonEmptyString,
  count: nonNegativeInteger,
  tanh: boolean,
  activation: momentsSchema,
  saturated: nullable(fraction),
  histogram: histogramSchema,
  grad: nullable(momentsSchema),
  gradHistogram: nullable(histogramSchema),
  deadUnits: nullable(fraction),
  saturationMap: nullable(array(saturationRow)),
});

const parameterSchema: Check<ParameterDiagnostics> = object({
  name: nonEmptyString,
  shape: array(nonNegativeInteger),
  dataStd: nonNegativeNumber,
  grad: nullable(momentsSchema),
  gradToData: nullable(nonNegativeNumber),
  updateToData: nullable(number),
});

const fileSchema = object({
  format: literal(DIAGNOSTICS_FORMAT),
  formatVersion: positiveInteger,
  model: nonEmptyString,
  saturationThreshold: positiveNumber,
  records: array(
    object({
      step: nonNegativeInteger,
      lr: nonNegativeNumber,
      loss: number,
      layers: array(layerSchema),
      parameters: array(parameterSchema),
    }),
  ),
});

/** The bytes of `diagnostics.json` for `file` (compact JSON: the histograms make it long). */
export function encodeDiagnostics(file: DiagnosticsFile): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(file));
}

/**
 * Reads and validates `diagnostics.json`, for plots: the bytes as read from the file, its text, or
 * the JSON value already parsed.
 *
 * @throws {@link CheckpointError} `NEWER_FORMAT` for a later version, `BAD_CONFIG` for anything else
 *   that is not a valid diagnostics file (the message names the first bad field)
 * @example
 * ```ts
 * const { records } = parseDiagnostics(files.get(DIAGNOSTICS_FILE)!);
 * records.at(-1)!.layers.find((l) => l.name === 'h')!.saturated; // e.g. 0.04
 * ```
 */
export function parseDiagnostics(input: unknown): DiagnosticsFile {
  let json: unknown = input;
  if (typeof input === 'string' || input instanceof Uint8Array) {
    try {
      json = JSON.parse(
        typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input),
      );
    } catch {
      throw new CheckpointError(
        'BAD_CONFIG',
        `${DIAGNOSTICS_FILE} is not valid JSON; train again with diagnostics to rewrite it.`,
      );
    }
  }
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > DIAGNOSTICS_VERSION) {
    throw new CheckpointError(
      'NEWER_FORMAT',
      `${DIAGNOSTICS_FILE} has format version ${version} but this makemore-ts reads up to ${DIAGNOSTICS_VERSION}; upgrade makemore-ts to read it.`,
    );
  }
  try {
    return fileSchema(json, []) satisfies DiagnosticsFile;
  } catch (error) {
    if (!(error instanceof SchemaIssue)) throw error;
    throw new CheckpointError(
      'BAD_CONFIG',
      `${DIAGNOSTICS_FILE} is invalid at ${error.where} (${error.problem}); train again with diagnostics to rewrite it.`,
    );
  }
}
