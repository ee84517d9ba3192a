import { SPLIT_SCHEMES, type SplitScheme } from '@makemore/data';
import type { TrainingRecipe } from '@makemore/models';
import { z } from 'zod';
import { CheckpointError } from './checkpoint-error.js';

/** Written into `training-state.json` so a stray JSON file is not mistaken for one. */
export const TRAINING_STATE_FORMAT = 'makemore-ts/training-state';

/** The newest `training-state.json` version this package reads and the one it writes. */
export const TRAINING_STATE_VERSION = 1;

const recipeSchema = z
  .object({
    optimizer: z.enum(['sgd', 'adamw']),
    lr: z.number().positive(),
    lrDecayAt: z.number().int().nonnegative().nullable(),
    lrDecayFactor: z.number().positive(),
    steps: z.number().int().nonnegative(),
    batchSize: z.number().int().nonnegative(),
    weightDecay: z.number().nonnegative(),
    evalEvery: z.number().int().positive(),
    split: z.enum(SPLIT_SCHEMES as [SplitScheme, ...SplitScheme[]]),
  })
  .strict();

const trainingStateSchema = z
  .object({
    format: z.literal(TRAINING_STATE_FORMAT),
    formatVersion: z.number().int().positive(),
    step: z.number().int().nonnegative(),
    seed: z.number().int(),
    recipe: recipeSchema,
    gradClip: z.number().positive().nullable(),
    generator: z
      .object({ algorithm: z.literal('xoroshiro128plus'), state: z.array(z.number().int()).length(4) })
      .strict(),
    optimizer: z.object({ type: z.string(), scalars: z.record(z.string(), z.number()) }).strict(),
    best: z.object({ step: z.number().int().nonnegative(), loss: z.number() }).strict().nullable(),
    history: z
      .object({
        losses: z.array(z.tuple([z.number().int(), z.number()])),
        evals: z.array(
          z
            .object({
              step: z.number().int(),
              train: z.number(),
              val: z.number().nullable(),
              test: z.number().nullable(),
            })
            .strict(),
        ),
      })
      .strict(),
  })
  .strict();

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
  const result = trainingStateSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the top level';
    throw new CheckpointError(
      'BAD_CONFIG',
      `training-state.json is invalid at ${where} (${issue.message}); the directory cannot be resumed, but model.safetensors can still be sampled.`,
    );
  }
  return result.data satisfies TrainingState;
}
