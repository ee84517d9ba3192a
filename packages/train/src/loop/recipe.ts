import { SPLIT_SCHEMES } from '@makemore/data';
import type { CharModel, TrainingRecipe, TrainingRecipeOverrides } from '@makemore/models';
import { AdamW, type LrSchedule, type Optimizer, SGD } from '@makemore/nn';
import { TrainingError } from './training-error.js';

/** The optimizer a recipe names, over the model's parameters. */
export function createOptimizer(recipe: TrainingRecipe, model: CharModel): Optimizer {
  const params = model.namedParameters();
  return recipe.optimizer === 'adamw'
    ? new AdamW(params, { lr: recipe.lr, weightDecay: recipe.weightDecay })
    : new SGD(params, { lr: recipe.lr, weightDecay: recipe.weightDecay });
}

/** The recipe's learning-rate schedule: constant, or the lecture's single step decay. */
export function scheduleOf(recipe: TrainingRecipe): LrSchedule {
  return recipe.lrDecayAt === null
    ? { kind: 'constant', lr: recipe.lr }
    : { kind: 'step', lr: recipe.lr, decayAt: [recipe.lrDecayAt], factor: recipe.lrDecayFactor };
}

/**
 * The entry's recipe with overrides applied and checked; an override given as `undefined` keeps the
 * entry's value.
 *
 * @throws {@link TrainingError} `BAD_OPTIONS` naming the bad field
 */
export function resolveRecipe(
  base: Readonly<TrainingRecipe>,
  overrides: TrainingRecipeOverrides = {},
): TrainingRecipe {
  const known = Object.keys(base);
  for (const key of Object.keys(overrides)) {
    if (!known.includes(key)) {
      throw new TrainingError(
        'BAD_OPTIONS',
        `Unknown training option '${key}'; the recipe has ${known.join(', ')}.`,
      );
    }
  }
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, v]) => v !== undefined));
  const recipe: TrainingRecipe = { ...base, ...defined };
  const check = (ok: boolean, what: string, value: unknown) => {
    if (!ok) throw new TrainingError('BAD_OPTIONS', `The ${what}, got ${String(value)}.`);
  };
  check(
    recipe.optimizer === 'sgd' || recipe.optimizer === 'adamw',
    "optimizer must be 'sgd' or 'adamw'",
    recipe.optimizer,
  );
  check(Number.isFinite(recipe.lr) && recipe.lr > 0, 'learning rate must be a positive number', recipe.lr);
  check(
    recipe.lrDecayAt === null || (Number.isInteger(recipe.lrDecayAt) && recipe.lrDecayAt >= 0),
    'LR decay step must be a non-negative integer or null',
    recipe.lrDecayAt,
  );
  check(recipe.lrDecayFactor > 0, 'LR decay factor must be positive', recipe.lrDecayFactor);
  check(
    Number.isInteger(recipe.steps) && recipe.steps >= 0,
    'number of steps must be a non-negative integer',
    recipe.steps,
  );
  check(
    Number.isInteger(recipe.batchSize) && recipe.batchSize >= 0,
    'batch size must be a non-negative integer (0 = full batch)',
    recipe.batchSize,
  );
  check(
    Number.isFinite(recipe.weightDecay) && recipe.weightDecay >= 0,
    'weight decay must be a non-negative number',
    recipe.weightDecay,
  );
  check(
    Number.isInteger(recipe.evalEvery) && recipe.evalEvery > 0,
    'evaluation interval must be a positive integer',
    recipe.evalEvery,
  );
  check(
    SPLIT_SCHEMES.includes(recipe.split),
    `split must be one of ${SPLIT_SCHEMES.map((s) => `'${s}'`).join(', ')}`,
    recipe.split,
  );
  return recipe;
}
