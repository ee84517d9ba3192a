import { getModelDocs, getModelEntry } from '@makemore/models';
import { describe, expect, it } from 'vitest';
import {
  defaultHyperparameters,
  hyperparameterFields,
  hyperparameterProblems,
} from './hyperparameter-fields.js';

describe('hyperparameterFields', () => {
  it('makes integer number inputs from the mlp spec, with the help and range as the title', () => {
    const fields = hyperparameterFields(
      getModelEntry('mlp').hyperparameters,
      getModelDocs('mlp').hyperparameters,
    );
    const nHidden = fields.find((f) => f.name === 'nHidden');
    expect(nHidden).toMatchObject({ kind: 'number', step: '1', min: 1, options: [] });
    expect(nHidden?.help).toContain('a positive integer');
    expect(nHidden?.help).toBe('units in the tanh hidden layer (a positive integer)');
  });

  it("makes a select of wavenet's power-of-2 block sizes", () => {
    const blockSize = hyperparameterFields(
      getModelEntry('wavenet').hyperparameters,
      getModelDocs('wavenet').hyperparameters,
    ).find((f) => f.name === 'blockSize');
    expect(blockSize?.kind).toBe('select');
    expect(blockSize?.options).toContain(blockSize?.default);
  });
});

describe('hyperparameterProblems', () => {
  const specs = getModelEntry('mlp').hyperparameters;

  it('accepts the defaults', () => {
    expect(hyperparameterProblems(specs, defaultHyperparameters(specs))).toEqual([]);
  });

  it('names each value out of its range, as the CLI words it', () => {
    const problems = hyperparameterProblems(specs, {
      ...defaultHyperparameters(specs),
      nHidden: 0,
      nEmbd: 2.5,
    });
    expect(problems).toEqual(['nEmbd must be a positive integer.', 'nHidden must be a positive integer.']);
  });
});
