import type { TrainingRecipe } from '../model-entry.js';

/**
 * The training recipe of the lectures' window models (parts 2 to 5): 200,000 SGD steps of batch 32,
 * lr 0.1 and then 0.01 from step 100,000, on an 80/10/10 split.
 */
export const LECTURE_RECIPE: Readonly<TrainingRecipe> = {
  optimizer: 'sgd',
  lr: 0.1,
  lrDecayAt: 100_000,
  lrDecayFactor: 0.1,
  steps: 200_000,
  batchSize: 32,
  weightDecay: 0,
  evalEvery: 10_000,
  split: 'fractions',
};
