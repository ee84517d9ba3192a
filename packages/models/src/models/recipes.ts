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

/** makemore's training defaults, shared by rnn, gru, lstm, bow and transformer. */
export const MAKEMORE_RECIPE: Readonly<TrainingRecipe> = {
  optimizer: 'adamw',
  lr: 5e-4,
  lrDecayAt: null,
  lrDecayFactor: 0.1,
  steps: 20_000,
  batchSize: 32,
  weightDecay: 0.01,
  evalEvery: 500,
  // makemore.py's own split: with the default seed 3407, its very train and test sets.
  split: 'makemore-torch',
};
