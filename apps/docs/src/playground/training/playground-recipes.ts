import {
  getModelDocs,
  getModelEntry,
  type HyperparameterSpecs,
  listModels,
  type TrainingRecipe,
} from '@makemore/models';
import type { EditableRecipe } from './protocol.js';

// What the playground offers to train, importable on the page's main thread: @makemore/models
// describes every model without loading gpu.js (the worker loads it only for a gpu.js device).

/** The count bigram of the first lecture: counted, not trained by steps. */
export const COUNT_BIGRAM_MODEL = 'bigram';
/** The count n-gram, the lecture's exercise beyond the bigram. */
export const COUNT_NGRAM_MODEL = 'ngram';

/** A model the playground can train. */
export interface PlaygroundModel {
  /** `bigram`, `ngram` or a registry name (`mlp`, `gru`, `transformer`, ...). */
  name: string;
  /** One line for the picker. */
  title: string;
  /** Whether it is counted (no steps, recipe or device) rather than trained by gradient descent. */
  counted: boolean;
}

/** The count bigram's only knob, with the CLI's `--smoothing` default and range. */
const SMOOTHING = { type: 'number', default: 1, min: 0 } as const;
const SMOOTHING_HELP = 'add-α smoothing: α added to every count, so no next character has probability 0';

/** The count models' hyperparameters, as the CLI's `--smoothing` and `--n` flags take them. */
const COUNT_HYPERPARAMETERS: Readonly<Record<string, HyperparameterSpecs>> = {
  [COUNT_BIGRAM_MODEL]: { smoothing: SMOOTHING },
  [COUNT_NGRAM_MODEL]: {
    // @makemore/bigram's NGramModel takes orders 2 to MAX_NGRAM_ORDER (8).
    n: { type: 'int', default: 3, min: 2, max: 8 },
    smoothing: SMOOTHING,
  },
};

/** What each count model's hyperparameter controls, as the registry's docs say it of the neural models. */
const COUNT_HYPERPARAMETER_HELP: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  [COUNT_BIGRAM_MODEL]: { smoothing: SMOOTHING_HELP },
  [COUNT_NGRAM_MODEL]: { n: 'tokens per n-gram: the context is n − 1 characters', smoothing: SMOOTHING_HELP },
};

/**
 * Every model the page lists, in the order of the lectures: the count bigram (and its n-gram
 * exercise), then the registry's neural models in ladder order (`listModels()`).
 *
 * @returns the models with their titles
 */
export function playgroundModels(): PlaygroundModel[] {
  return [
    { name: COUNT_BIGRAM_MODEL, title: 'Count bigram: a table of next-character counts', counted: true },
    { name: COUNT_NGRAM_MODEL, title: 'Count n-gram: the bigram with a longer context', counted: true },
    ...listModels().map((name) => ({ name, title: getModelDocs(name).title, counted: false })),
  ];
}

/**
 * Whether `model` is one of the count models.
 *
 * @param model - a model name
 */
export function isCountedModel(model: string): boolean {
  return model in COUNT_HYPERPARAMETERS;
}

/**
 * A model's hyperparameters with their defaults, ranges and help: the registry's specs (the CLI's
 * `train --model <name>` flags) for neural models, `smoothing` (and `n`) for the count models.
 *
 * @param model - a model name
 * @returns the specs by name
 * @throws ModelError `UNKNOWN_MODEL` for a name that is neither a count model nor in the registry
 */
export function hyperparameterSpecs(model: string): HyperparameterSpecs {
  return COUNT_HYPERPARAMETERS[model] ?? getModelEntry(model).hyperparameters;
}

/**
 * What each of a model's hyperparameters controls, for the form's help: the registry's docs
 * (`getModelDocs`, the CLI's flag help) for neural models, the playground's own words for the count
 * models.
 *
 * @param model - a model name
 * @returns the help by hyperparameter name, one for each of {@link hyperparameterSpecs}
 * @throws ModelError `UNKNOWN_MODEL` for a name that is neither a count model nor in the registry
 */
export function hyperparameterHelp(model: string): Readonly<Record<string, string>> {
  return COUNT_HYPERPARAMETER_HELP[model] ?? getModelDocs(model).hyperparameters;
}

/**
 * Browser-sized recipe changes per model: fewer steps than the CLI's recipe (same optimizer and
 * learning rate), and evaluations often enough to watch the samples improve. The comments give what
 * one CPU thread reached in Node on the built-in first-names (a shared 2-core machine, so a laptop is
 * at least as fast): steps/s, then the held-out loss after the default run, measured before the
 * recipes' rate drop was scaled into these shorter runs (except the MLP's, measured with it).
 */
const PLAYGROUND_STEPS: Readonly<Record<string, Pick<EditableRecipe, 'steps' | 'evalEvery'>>> = {
  // Full-batch gradient descent, the lecture's 100 steps: ~50 steps/s, val 2.45 in 2 s.
  'bigram-nn': { steps: 100, evalEvery: 10 },
  // ~4,000 steps/s in headless Chromium: val 2.295 in 6 s with the rate dropping at 10,000 (2.436
  // without), name-like samples (freda, odia, mirna); the lecture's 2.17 is on names.txt after 200,000.
  mlp: { steps: 20_000, evalEvery: 2_000 },
  // ~2,200 steps/s: val 2.26 in 2.5 s.
  'mlp-bn': { steps: 5_000, evalEvery: 500 },
  // ~450 steps/s: val 2.19 in 10 s.
  wavenet: { steps: 3_000, evalEvery: 500 },
  // makemore's split has no val: test 2.19 (rnn, ~130 steps/s, 8 s), gru 2.18 (~55 steps/s, 20 s),
  // lstm 2.20 (~45 steps/s, 24 s), bow 2.27 (~320 steps/s, 3.5 s).
  rnn: { steps: 1_000, evalEvery: 200 },
  gru: { steps: 1_000, evalEvery: 200 },
  lstm: { steps: 1_000, evalEvery: 200 },
  bow: { steps: 1_000, evalEvery: 200 },
  // ~10 steps/s: train 2.14 after 500 steps (65 s), so 300 by default (about 30 s).
  transformer: { steps: 300, evalEvery: 100 },
};

/**
 * The recipe the page starts from for a neural model: the registry's recipe (the CLI's) with the
 * playground's smaller step count and evaluation interval.
 *
 * @param model - a registry model name
 * @returns steps, learning rate and the step it drops from, batch size and evaluation interval
 * @throws ModelError `UNKNOWN_MODEL` for a name outside the registry (count models have no recipe)
 */
export function playgroundRecipe(model: string): EditableRecipe {
  const recipe: Readonly<TrainingRecipe> = getModelEntry(model).recipe;
  const browser = PLAYGROUND_STEPS[model] ?? {
    steps: Math.min(recipe.steps, 1_000),
    evalEvery: Math.min(recipe.evalEvery, 200),
  };
  // The lectures' rate drop keeps its place in the shorter run (the MLP's at step 100,000 of 200,000
  // comes at 10,000 of 20,000): without it the short run ends at the noisy high rate.
  const lrDecayAt =
    recipe.lrDecayAt === null ? null : Math.round((recipe.lrDecayAt / recipe.steps) * browser.steps);
  return {
    steps: browser.steps,
    lr: recipe.lr,
    lrDecayAt,
    batchSize: recipe.batchSize,
    evalEvery: browser.evalEvery,
  };
}

/** A loss the lecture reports, for the page to compare a run with. */
export interface LectureLoss {
  /** The model it was measured on. */
  model: string;
  /** The split it is the mean loss of. */
  split: 'train' | 'val';
  /** The loss, in nats per character. */
  loss: number;
  /** Where it comes from, for the page to say. */
  source: string;
}

/**
 * The lecture's losses on names.txt: the count bigram's exact figure (reproduced by the guide's
 * counting chapter, apps/docs/src/lecture-figures.ts) and the MLP's validation loss after its full
 * 200,000-step recipe, which the video states (torch's unseeded run, so quoted rather than
 * reproduced; ../shared/data/README.md, docs/guide/mini-batches.md).
 */
export const LECTURE_LOSSES: readonly LectureLoss[] = [
  {
    model: COUNT_BIGRAM_MODEL,
    split: 'train',
    loss: 2.454,
    source: 'the count bigram on all of names.txt, lecture 1 (2.4540 over 228,146 bigrams)',
  },
  {
    model: 'mlp',
    split: 'val',
    loss: 2.17,
    source:
      "the lecture's MLP (10-d embeddings, 200 hidden units) after 200,000 steps of 32 at lr 0.1, then 0.01 (lecture 2)",
  },
];

/**
 * The lecture's loss for `model`, if the lecture reports one.
 *
 * @param model - a model name
 */
export function lectureLoss(model: string): LectureLoss | undefined {
  return LECTURE_LOSSES.find((l) => l.model === model);
}
