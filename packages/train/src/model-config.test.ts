import { Vocab } from '@makemore/data';
import { describe, expect, test } from 'vitest';
import { CheckpointError } from './checkpoint-error.js';
import type { ModelConfig } from './model-config.js';
import {
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  parseModelConfig,
  stringifyModelConfig,
} from './model-config.js';

const config: ModelConfig = {
  format: MODEL_FORMAT,
  formatVersion: MODEL_FORMAT_VERSION,
  model: 'mlp',
  hyperparameters: { blockSize: 3, activation: 'tanh', bias: false, dropout: null },
  vocab: Vocab.fromItems(['ab', 'ba']),
  data: {
    source: 'names.txt',
    fingerprint: '0123456789abcdef'.repeat(4),
    items: 2,
    lowercase: true,
    maxLength: 20,
  },
  created: '2026-01-01T00:00:00.000Z',
};
const raw = (): Record<string, unknown> => JSON.parse(stringifyModelConfig(config));

function messageOf(json: unknown): string {
  try {
    parseModelConfig(json, ['mlp']);
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as CheckpointError).code).toBe('BAD_CONFIG');
    return (error as CheckpointError).message;
  }
  throw new Error('expected a CheckpointError');
}

describe('parseModelConfig', () => {
  test('reads back what stringifyModelConfig wrote, optional data fields included or not', () => {
    const parsed = parseModelConfig(raw(), ['mlp']);
    expect({ ...parsed, vocab: parsed.vocab.itos }).toEqual({ ...config, vocab: config.vocab.itos });
    const { lowercase: _l, maxLength: _m, ...plainData } = config.data;
    const plain = parseModelConfig({ ...raw(), data: plainData }, ['mlp']);
    expect(plain.data).toEqual(plainData);
    expect(Object.keys(plain.data)).toEqual(['source', 'fingerprint', 'items']);
  });

  test('returns a copy: the parsed JSON can change afterwards without changing the config', () => {
    const json = raw();
    const parsed = parseModelConfig(json, ['mlp']);
    (json['hyperparameters'] as Record<string, unknown>)['blockSize'] = 99;
    expect(parsed.hyperparameters['blockSize']).toBe(3);
  });

  test.each([
    ['not an object', null, 'the top level (expected an object, got null)'],
    ['an array', [], 'the top level (expected an object, got [])'],
    ['an unknown field', { extra: 1 }, 'the top level (unknown field "extra")'],
    ['two unknown fields', { extra: 1, other: 2 }, 'the top level (unknown fields "extra", "other")'],
    ['a wrong format marker', { format: 'other' }, `format (expected "${MODEL_FORMAT}", got "other")`],
    ['a fractional version', { formatVersion: 0.5 }, 'formatVersion (expected a positive integer, got 0.5)'],
    ['a version as a string', { formatVersion: '1' }, 'formatVersion (expected a positive integer, got "1")'],
    ['an empty model name', { model: '' }, 'model (expected a non-empty string, got "")'],
    ['a missing model name', { model: undefined }, 'model (missing; expected a non-empty string)'],
    [
      'an object as a hyperparameter',
      { hyperparameters: { lr: { $gt: 1 } } },
      'hyperparameters.lr (expected a number, a string, true, false or null, got {"$gt":1})',
    ],
    [
      'hyperparameters as an array',
      { hyperparameters: [1] },
      'hyperparameters (expected an object, got [1])',
    ],
    ['a missing vocab', { vocab: undefined }, 'vocab (missing; expected the vocab ({ "layout", "chars" }))'],
    [
      'a fingerprint that is not sha256 hex',
      { data: { source: 'x', fingerprint: 'nothex', items: 1 } },
      'data.fingerprint (expected a sha256 fingerprint of 64 lowercase hex digits, got "nothex")',
    ],
    ['an unknown data field', { data: { ...config.data, extra: 1 } }, 'data (unknown field "extra")'],
    [
      'a negative item count',
      { data: { ...config.data, items: -1 } },
      'data.items (expected a non-negative integer, got -1)',
    ],
    [
      'a lowercase flag as a string',
      { data: { ...config.data, lowercase: 'yes' } },
      'data.lowercase (expected true or false, got "yes")',
    ],
    [
      'a zero maxLength',
      { data: { ...config.data, maxLength: 0 } },
      'data.maxLength (expected a positive integer, got 0)',
    ],
    ['a missing creation time', { created: undefined }, 'created (missing; expected a string)'],
  ])('names the field and what it expected for %s', (_what, patch, where) => {
    const json = patch === null || Array.isArray(patch) ? patch : { ...raw(), ...patch };
    expect(messageOf(json)).toBe(
      `config.json is invalid at ${where}; restore the file or train the model again.`,
    );
  });

  test('cuts a long value short in the message', () => {
    expect(messageOf({ ...raw(), model: 7, created: 'x'.repeat(100) })).toContain(
      'model (expected a non-empty string, got 7)',
    );
    expect(messageOf({ ...raw(), created: ['x'.repeat(100)] })).toContain(`got ["${'x'.repeat(38)}…)`);
  });

  test('a JSON key __proto__ among the hyperparameters stays a plain key', () => {
    const json = JSON.parse(stringifyModelConfig(config).replace('"blockSize"', '"__proto__"'));
    const parsed = parseModelConfig(json, ['mlp']);
    expect(Object.getPrototypeOf(parsed.hyperparameters)).toBe(Object.prototype);
    expect(Object.hasOwn(parsed.hyperparameters, '__proto__')).toBe(true);
  });

  test('an unknown model type, a newer format and a bad vocab keep their own codes', () => {
    expect(() => parseModelConfig({ ...raw(), model: 'gpt' }, ['mlp'])).toThrow(
      expect.objectContaining({ code: 'UNKNOWN_MODEL' }),
    );
    expect(() =>
      parseModelConfig({ ...raw(), formatVersion: MODEL_FORMAT_VERSION + 1, x: 1 }, ['mlp']),
    ).toThrow(expect.objectContaining({ code: 'NEWER_FORMAT' }));
    expect(messageOf({ ...raw(), vocab: { layout: 'diagonal', chars: [] } })).toMatch(
      /^config\.json has an invalid vocab: /,
    );
  });
});
