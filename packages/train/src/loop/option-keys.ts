import { getModelEntry, listModels } from '@makemore/models';
import { TrainingError } from './training-error.js';

/** The keys of `TrainingSetup` (the argument of `createTrainingRun`), in the order its docs list them. */
export const SETUP_KEYS = [
  'model',
  'hyperparameters',
  'recipe',
  'split',
  'vocab',
  'data',
  'seed',
  'gradClip',
  'dtype',
] as const;

/** The keys of `ResumeOptions` (the options of `resumeTrainingRun`). */
export const RESUME_KEYS = ['split', 'data', 'recipe'] as const;

/** The keys of `TrainOptions` (the options of `TrainingRun.train`). */
export const TRAIN_KEYS = [
  'onEvent',
  'save',
  'signal',
  'logEvery',
  'evalRows',
  'diagnostics',
  'now',
] as const;

/** Where a misplaced key belongs, so the message can say so. */
export interface OptionHome {
  /** Recipe field names (`steps`, `lr`, ...): they go inside `recipe: { ... }`. */
  readonly recipe?: readonly string[];
  /** Whose `recipe` that is, when not the object being checked (`train()` takes no recipe). */
  readonly recipeOf?: string;
  /** Hyperparameter names of the model (`nHidden`, ...): they go inside `hyperparameters: { ... }`. */
  readonly hyperparameters?: readonly string[];
}

/**
 * Where recipe and hyperparameter names belong, for `model`'s entry, or for every registered model
 * when `model` names none (the unknown-key message should still point to the right place).
 */
export function optionHomeOf(model: unknown): OptionHome {
  const names = typeof model === 'string' && listModels().includes(model) ? [model] : listModels();
  const entries = names.map((name) => getModelEntry(name));
  return {
    recipe: entries.flatMap((entry) => Object.keys(entry.recipe)),
    hyperparameters: entries.flatMap((entry) => Object.keys(entry.hyperparameters)),
  };
}

/**
 * Checks an options object from plain JavaScript, where TypeScript's excess-property check does not
 * run: a misplaced `steps: 10` would otherwise be ignored silently and train with the default recipe.
 *
 * @param options the object the caller passed
 * @param what how the message names it (`the setup`, `the resume options object`, ...)
 * @param known the keys it takes
 * @param home where misplaced recipe or hyperparameter keys belong, when the object has those fields
 * @throws {@link TrainingError} `BAD_OPTIONS` for a non-object or an unknown key
 */
export function checkOptionKeys(
  options: unknown,
  what: string,
  known: readonly string[],
  home: OptionHome = {},
): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TrainingError(
      'BAD_OPTIONS',
      `Expected ${what} as an object with ${known.join(', ')}, got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}.`,
    );
  }
  const takes = `${what} takes ${known.join(', ')}.`;
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    if (home.recipe?.includes(key)) {
      throw new TrainingError(
        'BAD_OPTIONS',
        `Unknown option '${key}'; recipe fields such as ${key} go inside \`recipe: { ${key} }\`${home.recipeOf ? ` of ${home.recipeOf}` : ''}; ${takes}`,
      );
    }
    if (home.hyperparameters?.includes(key)) {
      throw new TrainingError(
        'BAD_OPTIONS',
        `Unknown option '${key}'; hyperparameters such as ${key} go inside \`hyperparameters: { ${key} }\`; ${takes}`,
      );
    }
    throw new TrainingError('BAD_OPTIONS', `Unknown option '${key}'; ${takes}`);
  }
}
