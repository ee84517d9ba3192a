import { SPLIT_SCHEMES, type SplitScheme } from '@makemore/data';
import type { TrainingRecipe } from '@makemore/models';
import { CheckpointError } from './checkpoint-error.js';
import {
  array,
  integer,
  literal,
  nonNegativeInteger,
  nonNegativeNumber,
  nullable,
  number,
  object,
  oneOf,
  pair,
  positiveInteger,
  positiveNumber,
  record,
  SchemaIssue,
  string,
} from './schema/check.js';

/** Written into `training-state.json` so a stray JSON file is not mistaken for one. */
export const TRAINING_STATE_FORMAT = 'makemore-ts/training-state';

/** The newest `training-state.json` version this package reads and the one it writes. */
export const TRAINING_STATE_VERSION = 1;

const recipeSchema = object({
  optimizer: oneOf(['sgd', 'adamw']),
  lr: positiveNumber,
  lrDecayAt: nullable(nonNegativeInteger),
  lrDecayFactor: positiveNumber,
  steps: nonNegativeInteger,
  batchSize: nonNegativeInteger,
  weightDecay: nonNegativeNumber,
  evalEvery: positiveInteger,
  split: oneOf<SplitScheme>(SPLIT_SCHEMES),
});

const trainingStateSchema = object({
  format: literal(TRAINING_STATE_FORMAT),
  formatVersion: positiveInteger,
  step: nonNegativeInteger,
  seed: integer,
  recipe: recipeSchema,
  gradClip: nullable(positiveNumber),
  generator: object({ algorithm: literal('xoroshiro128plus'), state: array(integer, 4) }),
  optimizer: object({ type: string, scalars: record(number) }),
  best: nullable(object({ step: nonNegativeInteger, loss: number })),
  history: object({
    losses: array(pair(integer, number, '[step, loss]')),
    evals: array(
      object({
        step: integer,
        train: number,
        val: nullable(number),
        test: nullable(number),
      }),
    ),
  }),
});

/** One evaluation in the history. */
export interface EvalRecord {
  /** Steps completed. */
  step: number;
  /** Loss on the training split (or its first `evalRows` rows). */
  train: number;
  /** Loss on the validation split, null when it is empty. */
  val: number | null;
  /** Loss on the test split, null when it is empty. */
  test: number | null;
}

/**
 * The contents of `training-state.json`: everything besides the tensors that a resumed run needs to
 * continue exactly as an uninterrupted one (step, recipe, RNG state, optimizer scalars, best loss so
 * far), plus the loss history for plots.
 */
export interface TrainingState {
  /** Always {@link TRAINING_STATE_FORMAT}. */
  format: typeof TRAINING_STATE_FORMAT;
  /** The version it was written with. */
  formatVersion: number;
  /** Steps completed. */
  step: number;
  /** The seed the run started from (also the seed to split the data with again). */
  seed: number;
  /** The recipe in effect. */
  recipe: TrainingRecipe;
  /** Gradient clipping threshold, or null. */
  gradClip: number | null;
  /** The batch generator's state (`Generator.getState()`). */
  generator: { algorithm: 'xoroshiro128plus'; state: number[] };
  /** The optimizer's type and scalars (its buffers are in `optimizer.safetensors`). */
  optimizer: { type: string; scalars: Record<string, number> };
  /** The best evaluation so far (its weights are `model.safetensors`), or null. */
  best: { step: number; loss: number } | null;
  /** Losses for plots. */
  history: {
    /** `[step, batch loss]` every `logEvery` steps. */
    losses: [number, number][];
    /** Every evaluation. */
    evals: EvalRecord[];
  };
}

/**
 * Validates a parsed `training-state.json`.
 *
 * @throws {@link CheckpointError} `NEWER_FORMAT` or `BAD_CONFIG`
 */
export function parseTrainingState(json: unknown): TrainingState {
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > TRAINING_STATE_VERSION) {
    throw new CheckpointError(
      'NEWER_FORMAT',
      `training-state.json has format version ${version} but this makemore-ts reads up to ${TRAINING_STATE_VERSION}; upgrade makemore-ts to resume it.`,
    );
  }
  try {
    return trainingStateSchema(json, []) satisfies TrainingState;
  } catch (error) {
    if (!(error instanceof SchemaIssue)) throw error;
    throw new CheckpointError(
      'BAD_CONFIG',
      `training-state.json is invalid at ${error.where} (${error.problem}); the directory cannot be resumed, but model.safetensors can still be sampled.`,
    );
  }
}
