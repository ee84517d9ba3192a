import { Vocab } from '@makemore/data';
import { buildDataset, getModelEntry, resolveHyperparameters } from '@makemore/models';
import { Generator, tensor } from '@makemore/tensor';
import { describe, expect, it } from 'vitest';
import { evaluateLoss } from './evaluate.js';
import { resolveRecipe, scheduleOf } from './recipe.js';

const items = ['emma', 'olivia', 'ava', 'isabella', 'sophia', 'charlotte', 'mia', 'amelia'];
const vocab = Vocab.fromItems(items);

describe('evaluateLoss', () => {
  it('equals the loss of one big batch, whatever the chunk size (windows)', () => {
    const entry = getModelEntry('mlp-bn');
    const model = entry.create(resolveHyperparameters(entry, { nHidden: 8 }), {
      vocabSize: vocab.size,
      generator: new Generator(0),
    });
    const d = buildDataset('window', items, vocab, 3);
    model.eval();
    const whole = model.nll(tensor(d.X, { shape: [d.count, 3] }), tensor(d.Y)).item();
    model.train();
    expect(evaluateLoss(model, d, { chunkRows: 7 })).toBeCloseTo(whole, 5);
    expect(model.training).toBe(true);
  });

  it('weights sequence chunks by their real tokens, skipping -1 padding', () => {
    const entry = getModelEntry('rnn');
    const h = resolveHyperparameters(entry, { nEmbd: 4, nEmbd2: 4 }, { items });
    const model = entry.create(h, { vocabSize: vocab.size, generator: new Generator(0) });
    const d = buildDataset('sequence', items, vocab, h['blockSize']!);
    const whole = model
      .nll(tensor(d.X, { shape: [d.count, d.blockSize] }), tensor(d.Y, { shape: [d.count, d.blockSize] }))
      .item();
    expect(evaluateLoss(model, d, { chunkRows: 3 })).toBeCloseTo(whole, 5);
    expect(evaluateLoss(model, buildDataset('sequence', [], vocab, 4))).toBeNaN();
  });
});

describe('resolveRecipe', () => {
  const base = getModelEntry('mlp').recipe;

  it("applies overrides and builds the lecture's step decay", () => {
    const r = resolveRecipe(base, { steps: 1000, lrDecayAt: 500, batchSize: undefined });
    expect(r).toMatchObject({ steps: 1000, lrDecayAt: 500, batchSize: 32, lr: 0.1 });
    expect(scheduleOf(r)).toEqual({ kind: 'step', lr: 0.1, decayAt: [500], factor: 0.1 });
    expect(scheduleOf(resolveRecipe(base, { lrDecayAt: null }))).toEqual({ kind: 'constant', lr: 0.1 });
  });

  it('names the bad option', () => {
    expect(() => resolveRecipe(base, { lr: 0 })).toThrow(
      'The learning rate must be a positive number, got 0.',
    );
    expect(() => resolveRecipe(base, { batchSize: 2.5 })).toThrow(
      /batch size must be a non-negative integer/,
    );
    expect(() => resolveRecipe(base, { steps: -1 })).toThrow(/number of steps/);
    expect(() => resolveRecipe(base, { optimizer: 'adam' as never })).toThrow(/'sgd' or 'adamw'/);
    expect(() => resolveRecipe(base, { momentum: 0.9 } as never)).toThrow(
      /Unknown training option 'momentum'/,
    );
  });
});
