import { integerAtLeast, numberAbove, numberAtLeast } from '../options.js';

/** A flag of `train` that overrides a field of the model's training recipe. */
export interface RecipeFlag {
  /** The recipe field and option key, e.g. `batchSize` (the flag is `--batch-size`). */
  readonly key: 'steps' | 'batchSize' | 'lr' | 'lrDecayAt' | 'weightDecay' | 'evalEvery';
  /** The value's name in the help, e.g. `<n>`. */
  readonly value: string;
  /** The help, after `neural: `. */
  readonly description: string;
  /** The commander parser. */
  readonly parse: (raw: string) => number;
}

/**
 * The recipe flags of `train`, in the order of its help: how long and how fast a neural model trains,
 * which is also what a resumed run may change (not what it trains).
 */
export const RECIPE_FLAGS: readonly RecipeFlag[] = [
  { key: 'steps', value: '<n>', description: 'total optimisation steps', parse: integerAtLeast(1) },
  { key: 'batchSize', value: '<n>', description: 'examples per step', parse: integerAtLeast(1) },
  { key: 'lr', value: '<rate>', description: 'learning rate', parse: numberAbove(0) },
  {
    key: 'lrDecayAt',
    value: '<step>',
    description: 'step from which the learning rate is divided by 10',
    parse: integerAtLeast(0),
  },
  { key: 'weightDecay', value: '<w>', description: 'weight decay (AdamW) ', parse: numberAtLeast(0) },
  {
    key: 'evalEvery',
    value: '<n>',
    description: 'steps between evaluations and checkpoints',
    parse: integerAtLeast(1),
  },
];
