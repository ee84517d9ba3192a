import { describe, expect, it } from 'vitest';
import { CheckpointError } from '../checkpoint-error.js';
import {
  DIAGNOSTICS_FORMAT,
  DIAGNOSTICS_VERSION,
  type DiagnosticsFile,
  encodeDiagnostics,
  parseDiagnostics,
} from './diagnostics-format.js';
import { summarizeDiagnostics } from './diagnostics-summary.js';

const file: DiagnosticsFile = {
  format: DIAGNOSTICS_FORMAT,
  formatVersion: DIAGNOSTICS_VERSION,
  model: 'mlp',
  saturationThreshold: 0.97,
  records: [
    {
      step: 100,
      lr: 0.1,
      loss: 2.5,
      layers: [
        {
          name: 'h',
          count: 4,
          tanh: true,
          activation: { mean: 0, std: 0.9 },
          saturated: 0.5,
          histogram: { edges: [-1, 0, 1], counts: [2, 2] },
          grad: { mean: 0, std: 0.01 },
          gradHistogram: { edges: [-0.1, 0, 0.1], counts: [1, 3] },
          deadUnits: 0,
          saturationMap: ['10', '01'],
        },
      ],
      parameters: [
        {
          name: 'W1',
          shape: [2, 2],
          dataStd: 1,
          grad: { mean: 0, std: 0.01 },
          gradToData: 0.01,
          updateToData: -3,
        },
        { name: 'b2', shape: [2], dataStd: 0, grad: null, gradToData: null, updateToData: null },
      ],
    },
  ],
};

const issue = (input: unknown): CheckpointError => {
  try {
    parseDiagnostics(input);
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointError);
    return error as CheckpointError;
  }
  throw new Error('expected parseDiagnostics to throw');
};

describe('parseDiagnostics', () => {
  it('reads what encodeDiagnostics wrote, as bytes, text or parsed JSON', () => {
    const bytes = encodeDiagnostics(file);
    expect(parseDiagnostics(bytes)).toEqual(file);
    expect(parseDiagnostics(new TextDecoder().decode(bytes))).toEqual(file);
    expect(parseDiagnostics(structuredClone(file))).toEqual(file);
  });

  it('names the first bad field', () => {
    const bad = structuredClone(file) as unknown as { records: { layers: { saturated: unknown }[] }[] };
    bad.records[0]!.layers[0]!.saturated = 1.5;
    const error = issue(bad);
    expect(error.code).toBe('BAD_CONFIG');
    expect(error.message).toContain('records.0.layers.0.saturated');
  });

  it('refuses text that is not JSON, another format and a newer version', () => {
    expect(issue('{').code).toBe('BAD_CONFIG');
    expect(issue({ ...file, format: 'makemore-ts/training-state' }).code).toBe('BAD_CONFIG');
    expect(issue({ ...file, formatVersion: DIAGNOSTICS_VERSION + 1 }).code).toBe('NEWER_FORMAT');
  });
});

describe('summarizeDiagnostics', () => {
  it('keeps the printed numbers and drops histograms and maps', () => {
    expect(summarizeDiagnostics(file.records[0]!)).toEqual({
      step: 100,
      lr: 0.1,
      loss: 2.5,
      layers: [{ name: 'h', mean: 0, std: 0.9, saturated: 0.5, gradStd: 0.01 }],
      parameters: [
        { name: 'W1', updateToData: -3 },
        { name: 'b2', updateToData: null },
      ],
    });
  });
});
