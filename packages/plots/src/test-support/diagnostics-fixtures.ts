import type { DiagnosticsFile, DiagnosticsRecord, Histogram, LayerDiagnostics } from '@makemore/train';

/** A histogram of `counts` over equal bins from `low` to `high`. */
export function evenHistogram(low: number, high: number, counts: number[]): Histogram {
  const width = (high - low) / counts.length;
  return { edges: counts.map((_, i) => low + i * width).concat(high), counts };
}

/** A tanh layer of `units` units over 4 rows with the given saturation map. */
export function tanhLayer(name: string, saturationMap: string[], saturated: number): LayerDiagnostics {
  return {
    name,
    count: saturationMap.length * (saturationMap[0]?.length ?? 0),
    tanh: true,
    activation: { mean: 0.02, std: 0.8 },
    saturated,
    histogram: evenHistogram(-1, 1, [6, 1, 1, 6]),
    grad: { mean: -0.0004, std: 0.012 },
    gradHistogram: evenHistogram(-0.02, 0.02, [1, 5, 5, 1]),
    deadUnits: 0,
    saturationMap,
  };
}

/** A pre-activation (not tanh): wide values, no saturation, no gradient recorded. */
export const HPREACT: LayerDiagnostics = {
  name: 'hpreact',
  count: 16,
  tanh: false,
  activation: { mean: -1.2, std: 7 },
  saturated: null,
  histogram: evenHistogram(-20, 20, [2, 6, 6, 2]),
  grad: null,
  gradHistogram: null,
  deadUnits: null,
  saturationMap: null,
};

/** A record of two tanh layers around a pre-activation, with a 2-D weight, a bias and an embedding. */
export function record(
  step: number,
  ratios: { W1: number; W2: number } = { W1: -2.5, W2: -3.2 },
): DiagnosticsRecord {
  return {
    step,
    lr: 0.1,
    loss: 2.5,
    layers: [
      HPREACT,
      tanhLayer('h', ['1100', '0111', '0000', '1001'], 0.4375),
      tanhLayer('h2', ['0000', '0000', '0000', '0010'], 0.0625),
    ],
    parameters: [
      { name: 'W1', shape: [30, 4], dataStd: 1, grad: null, gradToData: 0.03, updateToData: ratios.W1 },
      { name: 'b1', shape: [4], dataStd: 1, grad: null, gradToData: 0.03, updateToData: -2.1 },
      { name: 'W2', shape: [4, 27], dataStd: 1, grad: null, gradToData: 0.03, updateToData: ratios.W2 },
      // A zero-initialised weight before its first update has no ratio.
      { name: 'W3', shape: [27, 27], dataStd: 0, grad: null, gradToData: null, updateToData: null },
    ],
  };
}

/** A diagnostics file of three records, at steps 100, 200 and 300. */
export function diagnosticsFile(): DiagnosticsFile {
  return {
    format: 'makemore-ts/diagnostics',
    formatVersion: 1,
    model: 'mlp',
    saturationThreshold: 0.97,
    records: [record(100, { W1: -2, W2: -3.5 }), record(200), record(300, { W1: -2.8, W2: -3 })],
  };
}
