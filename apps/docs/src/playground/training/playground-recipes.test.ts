import { getModelDocs, getModelEntry, inRange, listModels } from '@makemore/models';
import { describe, expect, test } from 'vitest';
import {
  hyperparameterHelp,
  hyperparameterSpecs,
  isCountedModel,
  LECTURE_LOSSES,
  lectureLoss,
  playgroundModels,
  playgroundRecipe,
} from './playground-recipes.js';

describe('playgroundModels', () => {
  test('the count bigram first, then every registry model in ladder order', () => {
    const names = playgroundModels().map((m) => m.name);
    expect(names).toEqual(['bigram', 'ngram', ...listModels()]);
    expect(
      playgroundModels()
        .filter((m) => m.counted)
        .map((m) => m.name),
    ).toEqual(['bigram', 'ngram']);
    expect(isCountedModel('bigram')).toBe(true);
    expect(isCountedModel('mlp')).toBe(false);
  });

  test('every model has hyperparameter specs whose defaults are in range', () => {
    for (const { name } of playgroundModels()) {
      for (const spec of Object.values(hyperparameterSpecs(name)))
        expect(inRange(spec, spec.default)).toBe(true);
    }
    expect(Object.keys(hyperparameterSpecs('bigram'))).toEqual(['smoothing']);
    expect(hyperparameterSpecs('mlp')).toBe(getModelEntry('mlp').hyperparameters);
    expect(() => hyperparameterSpecs('nope')).toThrow(/There is no model called 'nope'/);
  });

  test('every model has help for each of its hyperparameters', () => {
    for (const { name } of playgroundModels()) {
      const help = hyperparameterHelp(name);
      expect(Object.keys(help), name).toEqual(Object.keys(hyperparameterSpecs(name)));
      for (const text of Object.values(help)) expect(text.length, name).toBeGreaterThan(3);
    }
    expect(hyperparameterHelp('mlp')).toBe(getModelDocs('mlp').hyperparameters);
    expect(() => hyperparameterHelp('nope')).toThrow(/There is no model called 'nope'/);
  });

  test('every neural model has the title of its docs', () => {
    for (const m of playgroundModels()) {
      if (!m.counted) expect(m.title).toBe(getModelDocs(m.name).title);
    }
  });
});

describe('playgroundRecipe', () => {
  test.each(listModels())('%s: fewer steps than the CLI, its learning rate and batch size', (model) => {
    const cli = getModelEntry(model).recipe;
    const recipe = playgroundRecipe(model);
    expect(recipe.steps).toBeLessThanOrEqual(cli.steps);
    expect(recipe.lr).toBe(cli.lr);
    expect(recipe.batchSize).toBe(cli.batchSize);
    expect(recipe.steps % recipe.evalEvery).toBe(0);
    // The rate drops at the same fraction of the run as in the CLI's recipe, or never in both.
    if (cli.lrDecayAt === null) expect(recipe.lrDecayAt).toBeNull();
    else expect(recipe.lrDecayAt! / recipe.steps).toBeCloseTo(cli.lrDecayAt / cli.steps, 2);
  });

  test("the MLP's default run is 20,000 steps, the rate dropping halfway as in the lecture", () => {
    expect(playgroundRecipe('mlp')).toEqual({
      steps: 20_000,
      lr: 0.1,
      lrDecayAt: 10_000,
      batchSize: 32,
      evalEvery: 2_000,
    });
  });
});

test("the lecture's losses, with their sources", () => {
  expect(lectureLoss('mlp')).toMatchObject({ split: 'val', loss: 2.17 });
  expect(lectureLoss('bigram')).toMatchObject({ split: 'train', loss: 2.454 });
  expect(lectureLoss('gru')).toBeUndefined();
  for (const l of LECTURE_LOSSES) expect(l.source).toMatch(/lecture/);
});
