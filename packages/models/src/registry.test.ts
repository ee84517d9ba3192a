import { Generator } from '@makemore/tensor';
import { describe, expect, it } from 'vitest';
import { describeRange, inRange } from './hyperparameter-range.js';
import { resolveHyperparameters } from './hyperparameters.js';
import { ModelError } from './model-error.js';
import { PUBLISHED_PARAMETER_COUNTS } from './published-counts.js';
import { getModelEntry, listModels, MODEL_REGISTRY } from './registry.js';

const names = ['emma', 'olivia', 'ava', 'isabella', 'sophia'];

// The lectures' and makemore's models, in the order the registry keeps them; a model added to the
// registry is listed wherever it stands, and every test below covers it.
const lectureOrder = ['bigram-nn', 'mlp', 'mlp-bn', 'wavenet', 'rnn', 'gru', 'lstm', 'bow', 'transformer'];

describe('MODEL_REGISTRY', () => {
  it('lists the models of the lectures and makemore in order', () => {
    expect(listModels()).toEqual([...MODEL_REGISTRY.keys()]);
    expect(listModels().filter((name) => lectureOrder.includes(name))).toEqual(lectureOrder);
    for (const [name, entry] of MODEL_REGISTRY) expect(entry.name).toBe(name);
  });

  it('declares every hyperparameter with a default inside its range', () => {
    for (const entry of MODEL_REGISTRY.values()) {
      for (const [key, spec] of Object.entries(entry.hyperparameters)) {
        const where = `${entry.name}.${key}`;
        expect(inRange(spec, spec.default), where).toBe(true);
        expect(spec.max === undefined || spec.min <= spec.max, where).toBe(true);
        // 0 is the data-derived default only where the spec says so.
        if (spec.default === 0 && spec.type === 'int') expect(spec.fromData, where).toBe(true);
      }
    }
  });

  it('has a recipe for every model', () => {
    for (const entry of MODEL_REGISTRY.values()) expect(entry.recipe.steps).toBeGreaterThan(0);
  });

  it.each([
    ['mlp', 11_897],
    ['mlp-bn', 12_297],
    ['wavenet', 76_579],
  ])('%s has the lecture parameter count with the lecture hyperparameters', (name, count) => {
    const entry = getModelEntry(name);
    const h = resolveHyperparameters(entry);
    expect(entry.parameterCount(h, 27)).toBe(count);
    expect(entry.create(h, { vocabSize: 27, generator: new Generator(0) }).numParameters()).toBe(count);
  });

  it('matches every published count by building the model', () => {
    let checked = 0;
    for (const [name, counts] of Object.entries(PUBLISHED_PARAMETER_COUNTS)) {
      const entry = getModelEntry(name);
      for (const published of counts) {
        const h = resolveHyperparameters(entry, published.hyperparameters);
        const model = entry.create(h, { vocabSize: published.vocabSize, generator: new Generator(0) });
        expect(model.numParameters(), `${entry.name}: ${published.source}`).toBe(published.count);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });

  it("gives makemore's 0.20M transformer on names.txt (lm_head excluded, as makemore prints)", () => {
    const entry = getModelEntry('transformer');
    const h = resolveHyperparameters(entry, { blockSize: 16 });
    const model = entry.create(h, { vocabSize: 27, generator: new Generator(0) });
    const withoutHead = model.numParameters() - 64 * 27;
    expect(withoutHead).toBe(202_816);
    expect((withoutHead / 1e6).toFixed(2)).toBe('0.20');
  });

  it('has a parameter-count formula that agrees with the built model for every entry and odd sizes', () => {
    for (const entry of MODEL_REGISTRY.values()) {
      const overrides: Record<string, number> = {};
      if ('nEmbd' in entry.hyperparameters) overrides['nEmbd'] = entry.name === 'transformer' ? 12 : 5;
      if ('nHidden' in entry.hyperparameters) overrides['nHidden'] = 7;
      if ('nEmbd2' in entry.hyperparameters) overrides['nEmbd2'] = 6;
      if ('nLayer' in entry.hyperparameters) overrides['nLayer'] = 2;
      if ('nHead' in entry.hyperparameters) overrides['nHead'] = 3;
      const h = resolveHyperparameters(entry, overrides, { items: names });
      const model = entry.create(h, { vocabSize: 11, generator: new Generator(0) });
      expect(model.numParameters(), entry.name).toBe(entry.parameterCount(h, 11));
    }
  });

  it('explains an unknown model', () => {
    expect(() => getModelEntry('gpt')).toThrow(
      `There is no model called 'gpt'; choose one of ${listModels().join(', ')}.`,
    );
    expect(() => getModelEntry('gpt')).toThrow(/choose one of bigram-nn, mlp, mlp-bn, wavenet, rnn/);
  });
});

describe('resolveHyperparameters', () => {
  it('fills defaults and applies overrides', () => {
    expect(resolveHyperparameters(getModelEntry('mlp'), { nHidden: 300 })).toEqual({
      blockSize: 3,
      nEmbd: 10,
      nHidden: 300,
    });
    expect(resolveHyperparameters(getModelEntry('wavenet'))).toEqual({
      blockSize: 8,
      nEmbd: 24,
      nHidden: 128,
    });
    expect(resolveHyperparameters(getModelEntry('transformer'), {}, { items: names })).toEqual({
      blockSize: 9,
      nLayer: 4,
      nHead: 4,
      nEmbd: 64,
    });
  });

  it('treats undefined values as not given', () => {
    expect(resolveHyperparameters(getModelEntry('mlp'), { nHidden: undefined, nLayer: undefined })).toEqual({
      blockSize: 3,
      nEmbd: 10,
      nHidden: 200,
    });
  });

  it('rejects unknown keys and bad values with the allowed ones', () => {
    const mlp = getModelEntry('mlp');
    expect(() => resolveHyperparameters(mlp, { nLayer: 2 })).toThrow(
      "The model 'mlp' has no hyperparameter 'nLayer'; it takes blockSize, nEmbd, nHidden.",
    );
    expect(() => resolveHyperparameters(mlp, { nHidden: 2.5 })).toThrow(
      /'nHidden' of 'mlp' must be a positive integer, got 2.5/,
    );
    expect(() => resolveHyperparameters(mlp, { blockSize: -1 })).toThrow(ModelError);
    expect(() => resolveHyperparameters(getModelEntry('bigram-nn'), { regularization: -1 })).toThrow(
      /non-negative/,
    );
    expect(() => resolveHyperparameters(getModelEntry('gru'))).toThrow(/pass the items or set blockSize/);
  });

  it('checks each value against its spec: type, min, max and the listed values', () => {
    const wn = getModelEntry('wavenet');
    expect(() => resolveHyperparameters(wn, { blockSize: 2048 })).toThrow(
      "The hyperparameter 'blockSize' of 'wavenet' must be a power of 2 from 2 to 1024, got 2048.",
    );
    expect(resolveHyperparameters(wn, { blockSize: 16 }).blockSize).toBe(16);
    expect(() => resolveHyperparameters(getModelEntry('mlp'), { blockSize: 0 })).toThrow(
      "The hyperparameter 'blockSize' of 'mlp' must be a positive integer, got 0.",
    );
    expect(() => resolveHyperparameters(getModelEntry('rnn'), { nEmbd: '8' }, { items: names })).toThrow(
      "The hyperparameter 'nEmbd' of 'rnn' must be a positive integer, got 8.",
    );
    expect(resolveHyperparameters(getModelEntry('rnn'), { blockSize: 0 }, { items: names }).blockSize).toBe(
      9,
    );
  });

  it('describes each range in words', () => {
    const phrase = (spec: Parameters<typeof describeRange>[0]) => describeRange(spec);
    expect(phrase(getModelEntry('mlp').hyperparameters['nHidden']!)).toBe('a positive integer');
    expect(phrase(getModelEntry('bigram-nn').hyperparameters['regularization']!)).toBe(
      'a non-negative number',
    );
    expect(phrase(getModelEntry('gru').hyperparameters['blockSize']!)).toBe(
      'a non-negative integer (0: the longest item + 1)',
    );
    expect(phrase({ type: 'int', default: 2, min: 1, max: 8 })).toBe('an integer from 1 to 8');
    expect(phrase({ type: 'int', default: 3, min: 1, values: [1, 3, 5] })).toBe('one of 1, 3, 5');
    expect(phrase({ type: 'number', default: 1, min: 0.5 })).toBe('a number of at least 0.5');
  });

  it('rejects a wavenet block size that is not a power of 2 and heads that do not divide', () => {
    const wn = getModelEntry('wavenet');
    expect(() =>
      wn.create(resolveHyperparameters(wn, { blockSize: 6 }), { vocabSize: 27, generator: new Generator(0) }),
    ).toThrow(/power of 2/);
    const tf = getModelEntry('transformer');
    expect(() =>
      tf.create(resolveHyperparameters(tf, { blockSize: 4, nHead: 5 }), {
        vocabSize: 27,
        generator: new Generator(0),
      }),
    ).toThrow(/divisible by nHead/);
  });
});
