import { fingerprintItems, type SplitScheme, splitItems, Vocab, type VocabLayout } from '@makemore/data';
import { getModelEntry, type TrainingRecipeOverrides } from '@makemore/models';
import type { FloatDType } from '@makemore/nn';
import { loadCountModel, trainCountModel } from '../count/count-model.js';
import {
  COUNT_MODEL_OPTIONS,
  COUNT_MODELS,
  DEFAULT_NGRAM_ORDER,
  isCountModel,
} from '../count/count-model-names.js';
import { splitLosses } from '../count/split-losses.js';
import type { DoneEvent, TrainingEvent } from '../loop/events.js';
import { checkOptionKeys, optionHomeOf } from '../loop/option-keys.js';
import { TrainingError } from '../loop/training-error.js';
import { createTrainingRun, DEFAULT_SEED } from '../loop/training-run.js';
import type { DataInfo } from '../model-config.js';
import { encodeModelDirectory } from '../model-directory.js';
import { knownModelTypes } from '../model-types.js';
import { modelFromFiles } from './load.js';
import type { Model } from './model.js';

/** Options of {@link trainModel}; every one has a default. */
export interface TrainModelOptions {
  /** Model type: `bigram`, `ngram`, or a neural model of the registry (`mlp`, `transformer`, ...). Default `mlp`. */
  model?: string | undefined;
  /** Training steps (neural models); the same as `recipe: { steps }`. Default: the model's recipe. */
  steps?: number | undefined;
  /** Seed of the split, the initial weights and the batches. Default 3407, makemore's. */
  seed?: number | undefined;
  /** Hyperparameter overrides of a neural model (`{ nEmbd: 16 }`). */
  hyperparameters?: Readonly<Record<string, number | undefined>> | undefined;
  /** Recipe overrides of a neural model (`{ lr: 0.05, batchSize: 64 }`). */
  recipe?: TrainingRecipeOverrides | undefined;
  /** How to split the items. Default: the model's recipe; `'none'` (every item trains) for count models. */
  split?: SplitScheme | undefined;
  /** What `config.json` records as the data's source. Default `'items'`. */
  source?: string | undefined;
  /** Count models: add-α smoothing of the counts. Default 1. */
  smoothing?: number | undefined;
  /** The n-gram's order. Default 3. */
  n?: number | undefined;
  /** Count models: `'shared'` (one `.` boundary, as makemore) or `'split'` (`<START>`, `<END>`). Default `'shared'`. */
  layout?: VocabLayout | undefined;
  /** Neural models: clip the global gradient norm to this. Default: no clipping. */
  gradClip?: number | undefined;
  /** Neural models: element type of the weights. Default `float32`. */
  dtype?: FloatDType | undefined;
  /** Receives the training's events (`start`, `step`, `eval`, `checkpoint`, `done`); count models send `done` only. */
  onProgress?: ((event: TrainingEvent) => void | Promise<void>) | undefined;
  /** Neural models: called with the checkpoint files at every evaluation, to keep them somewhere. */
  save?: ((files: Map<string, Uint8Array>) => Promise<void>) | undefined;
  /** When aborted, a neural training stops after the current step and returns what it has. */
  signal?: AbortSignal | undefined;
  /** Neural models: rows of each split read by the periodic evaluations. Default all. */
  evalRows?: number | undefined;
  /** Neural models: steps between `step` events. Default 100. */
  logEvery?: number | undefined;
}

/** The options that apply to the neural models only. */
const NEURAL_ONLY = [
  'steps',
  'hyperparameters',
  'recipe',
  'gradClip',
  'dtype',
  'save',
  'evalRows',
  'logEvery',
] as const;

/** The keys of {@link TrainModelOptions}, checked for plain JavaScript callers. */
const TRAIN_MODEL_KEYS = [
  'model',
  'seed',
  'split',
  'source',
  ...NEURAL_ONLY,
  ...COUNT_MODEL_OPTIONS,
  'onProgress',
  'signal',
] as const;

function checkItems(items: unknown): asserts items is readonly string[] {
  if (!Array.isArray(items) || items.some((item) => typeof item !== 'string')) {
    throw new TrainingError(
      'BAD_OPTIONS',
      "trainModel takes the items as an array of strings, e.g. trainModel(['emma', 'olivia', 'ava'], { model: 'mlp' }).",
    );
  }
  if (items.length === 0)
    throw new TrainingError('BAD_OPTIONS', 'trainModel needs at least one item to train on.');
}

function checkKinds(model: string, options: TrainModelOptions): void {
  const count = isCountModel(model);
  const misplaced = (count ? NEURAL_ONLY : COUNT_MODEL_OPTIONS).find(
    (key) => options[key as keyof TrainModelOptions] !== undefined,
  );
  if (misplaced !== undefined) {
    throw new TrainingError(
      'BAD_OPTIONS',
      count
        ? `The ${model} model is counted, not trained by steps, so it takes no ${misplaced}; pick a neural model such as mlp for that.`
        : `${misplaced} applies to the count models (${COUNT_MODELS.join(', ')}), not to ${model}.`,
    );
  }
  if (options.steps !== undefined && options.recipe?.steps !== undefined) {
    throw new TrainingError(
      'BAD_OPTIONS',
      'Give the number of steps once: as steps or as recipe.steps, not both.',
    );
  }
}

/**
 * Trains a model on a list of items in one call: splits them, builds the vocabulary, trains (or, for
 * the count models, counts) and returns the model, ready to sample, score and save. Every option has
 * a default; the same items and options give the same model on every machine.
 *
 * @param items - the training items, one word or name each
 * @param options - model type, steps, seed, overrides and progress callback
 * @returns the model, with the losses of its training in `model.training`
 * @throws {@link TrainingError} `BAD_OPTIONS` for a bad option (an unknown key from plain JavaScript
 *   too), `NON_FINITE` when the loss diverges; ModelError for an unknown model type or hyperparameter
 * @example
 * ```ts
 * const model = await trainModel(['emma', 'olivia', 'ava'], { model: 'mlp', steps: 200 });
 * const { items } = await model.sample({ count: 5, seed: 1 });
 * ```
 */
export async function trainModel(items: readonly string[], options: TrainModelOptions = {}): Promise<Model> {
  checkItems(items);
  checkOptionKeys(
    options,
    "trainModel's options",
    TRAIN_MODEL_KEYS,
    optionHomeOf((options as TrainModelOptions | null)?.model ?? 'mlp'),
  );
  const model = options.model ?? 'mlp';
  if (!knownModelTypes().includes(model)) {
    throw new TrainingError(
      'BAD_OPTIONS',
      `Unknown model '${model}'; trainModel takes ${knownModelTypes().join(', ')}.`,
    );
  }
  checkKinds(model, options);
  const seed = options.seed ?? DEFAULT_SEED;
  const data: DataInfo = {
    source: options.source ?? 'items',
    fingerprint: await fingerprintItems(items),
    items: items.length,
  };
  if (isCountModel(model)) return countModel(items, model, seed, data, options);
  const scheme = options.split ?? getModelEntry(model).recipe.split;
  const split = splitItems(items, { seed, scheme });
  const recipe = {
    ...options.recipe,
    ...(options.steps === undefined ? {} : { steps: options.steps }),
    split: scheme,
  };
  const run = createTrainingRun({
    model,
    ...(options.hyperparameters === undefined ? {} : { hyperparameters: options.hyperparameters }),
    recipe,
    split,
    vocab: Vocab.fromItems(items),
    data,
    seed,
    ...(options.gradClip === undefined ? {} : { gradClip: options.gradClip }),
    ...(options.dtype === undefined ? {} : { dtype: options.dtype }),
  });
  const done = await run.train({
    ...(options.onProgress === undefined ? {} : { onEvent: options.onProgress }),
    ...(options.save === undefined ? {} : { save: options.save }),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.evalRows === undefined ? {} : { evalRows: options.evalRows }),
    ...(options.logEvery === undefined ? {} : { logEvery: options.logEvery }),
  });
  return modelFromFiles(await run.checkpointFilesAsync(), done, 'trainModel');
}

async function countModel(
  items: readonly string[],
  model: string,
  seed: number,
  data: DataInfo,
  options: TrainModelOptions,
): Promise<Model> {
  const started = performance.now();
  const scheme = options.split ?? 'none';
  const split = splitItems(items, { seed, scheme });
  const smoothing = options.smoothing ?? 1;
  if (typeof smoothing !== 'number' || !(smoothing >= 0)) {
    throw new TrainingError('BAD_OPTIONS', `The smoothing must be a number of at least 0, got ${smoothing}.`);
  }
  const directory = trainCountModel({
    model,
    n: options.n ?? DEFAULT_NGRAM_ORDER,
    split,
    scheme,
    items,
    data,
    layout: options.layout ?? 'shared',
    smoothing,
    seed,
  });
  const losses = await splitLosses(loadCountModel(directory), split);
  const done: DoneEvent = {
    event: 'done',
    train: losses.train ?? Number.NaN,
    val: losses.val,
    test: losses.test,
    steps: 0,
    seconds: (performance.now() - started) / 1000,
    stepsPerSecond: 0,
    bestStep: 0,
    cancelled: false,
  };
  await options.onProgress?.(done);
  return modelFromFiles(encodeModelDirectory(directory), done, 'trainModel');
}
