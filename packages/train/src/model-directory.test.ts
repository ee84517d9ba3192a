import { Vocab } from '@makemore/data';
import { describe, expect, test } from 'vitest';
import { CheckpointError } from './checkpoint-error.js';
import { MODEL_FORMAT, MODEL_FORMAT_VERSION, type ModelConfig } from './model-config.js';
import { CONFIG_FILE, decodeModelDirectory, encodeModelDirectory, WEIGHTS_FILE } from './model-directory.js';

const config: ModelConfig = {
  format: MODEL_FORMAT,
  formatVersion: MODEL_FORMAT_VERSION,
  model: 'bigram',
  hyperparameters: { smoothing: 1 },
  vocab: Vocab.fromItems(['ab', 'ba']),
  data: { source: 'test', fingerprint: 'a'.repeat(64), items: 2 },
  created: '2026-01-01T00:00:00.000Z',
};
const weights = new Map([
  ['counts', { dtype: 'I32' as const, shape: [3, 3], data: new Int32Array(9).fill(2) }],
]);

function withConfig(json: unknown): Map<string, Uint8Array> {
  const files = encodeModelDirectory({ config, weights });
  files.set(CONFIG_FILE, new TextEncoder().encode(JSON.stringify(json)));
  return files;
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointError);
    return (error as CheckpointError).code;
  }
  throw new Error('expected a CheckpointError');
}

const rawConfig = () =>
  JSON.parse(new TextDecoder().decode(encodeModelDirectory({ config, weights }).get(CONFIG_FILE)));

describe('model directory', () => {
  test('round-trips config and weights', () => {
    const decoded = decodeModelDirectory(encodeModelDirectory({ config, weights }), ['bigram']);
    expect(decoded.weights).toEqual(weights);
    expect(decoded.config.vocab.itos).toEqual(config.vocab.itos);
    expect({ ...decoded.config, vocab: null }).toEqual({ ...config, vocab: null });
  });

  test('a missing file is named in the error', () => {
    const files = encodeModelDirectory({ config, weights });
    files.delete(WEIGHTS_FILE);
    expect(() => decodeModelDirectory(files, ['bigram'])).toThrow(/has no model\.safetensors/);
    files.delete(CONFIG_FILE);
    expect(() => decodeModelDirectory(files, ['bigram'])).toThrow(/has no config\.json/);
  });

  test('a config that is not JSON is rejected', () => {
    const files = encodeModelDirectory({ config, weights });
    files.set(CONFIG_FILE, new TextEncoder().encode('{"format":'));
    expect(codeOf(() => decodeModelDirectory(files, ['bigram']))).toBe('BAD_CONFIG');
  });

  test('a newer format version says to upgrade', () => {
    const files = withConfig({ ...rawConfig(), formatVersion: MODEL_FORMAT_VERSION + 1 });
    expect(() => decodeModelDirectory(files, ['bigram'])).toThrow(/upgrade makemore-ts/);
    expect(codeOf(() => decodeModelDirectory(files, ['bigram']))).toBe('NEWER_FORMAT');
  });

  test('an unknown model type is rejected, never executed', () => {
    const files = withConfig({ ...rawConfig(), model: '../../evil' });
    expect(codeOf(() => decodeModelDirectory(files, ['bigram']))).toBe('UNKNOWN_MODEL');
  });

  test.each([
    ['unknown field', { extra: 1 }],
    ['wrong format marker', { format: 'something-else' }],
    ['bad fingerprint', { data: { source: 'x', fingerprint: 'nothex', items: 1 } }],
    ['hyperparameter that is an object', { hyperparameters: { lr: { $gt: 1 } } }],
    ['bad vocab', { vocab: { layout: 'diagonal', chars: [] } }],
  ])('a config with a %s is rejected', (_what, patch) => {
    const files = withConfig({ ...rawConfig(), ...patch });
    expect(codeOf(() => decodeModelDirectory(files, ['bigram']))).toBe('BAD_CONFIG');
  });
});
