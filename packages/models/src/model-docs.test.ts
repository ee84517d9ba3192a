import { describe, expect, it } from 'vitest';
import { getModelDocs, MODEL_DOCS } from './model-docs.js';
import { listModels, MODEL_REGISTRY } from './registry.js';

describe('MODEL_DOCS', () => {
  it('documents every registered model, in the registry order', () => {
    expect(Object.keys(MODEL_DOCS)).toEqual(listModels());
  });

  it('documents a source, a title and every hyperparameter of each model', () => {
    for (const entry of MODEL_REGISTRY.values()) {
      const docs = getModelDocs(entry.name);
      expect(docs.source.length, entry.name).toBeGreaterThan(10);
      expect(docs.title.length, entry.name).toBeGreaterThan(5);
      // The same keys in the same order: the help lists them as the flags do.
      expect(Object.keys(docs.hyperparameters), entry.name).toEqual(Object.keys(entry.hyperparameters));
      for (const description of Object.values(docs.hyperparameters))
        expect(description.length, entry.name).toBeGreaterThan(3);
    }
  });

  it('keeps the documentation out of the registry entries, which loading a model reads', () => {
    for (const entry of MODEL_REGISTRY.values()) {
      expect(entry, entry.name).not.toHaveProperty('title');
      expect(entry, entry.name).not.toHaveProperty('source');
      for (const spec of Object.values(entry.hyperparameters))
        expect(spec, entry.name).not.toHaveProperty('description');
    }
  });

  it('describes a hyperparameter that several models share alike', () => {
    expect(getModelDocs('mlp-bn').hyperparameters).toEqual(getModelDocs('mlp').hyperparameters);
    expect(getModelDocs('gru').hyperparameters['blockSize']).toBe(
      getModelDocs('transformer').hyperparameters['blockSize'],
    );
  });

  it('explains an unknown model as the registry does', () => {
    expect(() => getModelDocs('gpt')).toThrow(
      `There is no model called 'gpt'; choose one of ${listModels().join(', ')}.`,
    );
    expect(() => getModelDocs('toString')).toThrow(/There is no model called 'toString'/);
  });
});
