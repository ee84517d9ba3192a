import type { SplitScheme } from '@makemore/data';
import type { FloatDType } from '@makemore/nn';
import type { Generator } from '@makemore/tensor';
import type { CharModel } from './char-model.js';
import type { DataFormat } from './data-format.js';

/**
 * A model's hyperparameters: sizes and coefficients, all numbers. This is the erased form that any
 * entry takes; each entry's own type names its keys (see {@link HyperparameterValues}).
 */
export type Hyperparameters = Record<string, number>;

/**
 * How a model is trained by default, from the lecture or makemore:
 * `lr` until step `lrDecayAt`, then `lr · lrDecayFactor`.
 */
export interface TrainingRecipe {
  /** `'sgd'` (the lectures) or `'adamw'` (makemore). */
  optimizer: 'sgd' | 'adamw';
  /** Learning rate at the start. */
  lr: number;
  /** Step from which the rate is multiplied by `lrDecayFactor`, or null for no decay. */
  lrDecayAt: number | null;
  /** Multiplier applied at `lrDecayAt` (0.1 in the lectures). */
  lrDecayFactor: number;
  /** Number of optimisation steps. */
  steps: number;
  /** Rows per step; 0 means the full training set every step (the seed's bigram). */
  batchSize: number;
  /** Decoupled weight decay of AdamW (makemore: 0.01); 0 for SGD. */
  weightDecay: number;
  /** Steps between evaluations on train and val. */
  evalEvery: number;
  /**
   * The split: the lecture's 80/10/10 cut of a seeded shuffle (`'fractions'`, or `'lecture'` with
   * Python's shuffle, the lecture's exact sets for seed 42) or makemore's cut, a test set of up to 1000
   * and no validation set (`'makemore'`, or `'makemore-torch'` with PyTorch's `randperm`, makemore.py's
   * exact sets for seed 3407).
   */
  split: SplitScheme;
}

/**
 * Changes to a {@link TrainingRecipe}: any of its fields. A field given as `undefined` keeps the
 * recipe's value, so a value that may be missing (an absent command-line flag) can be passed on as is.
 */
export type TrainingRecipeOverrides = { [K in keyof TrainingRecipe]?: TrainingRecipe[K] | undefined };

/** What {@link ModelEntry.create} needs besides the hyperparameters. */
export interface ModelContext {
  /** `vocab.size`. */
  vocabSize: number;
  /** Source of the initial weights (and of dropout masks, if any). */
  generator: Generator;
  /** Element type of the weights (default float32; float64 for gradient checks). */
  dtype?: FloatDType | undefined;
}

/** A parameter count the lecture or makemore prints, which a test checks {@link ModelEntry.parameterCount} against. */
export interface PublishedParameterCount<H extends Hyperparameters = Hyperparameters> {
  /** The hyperparameters it was printed for. */
  hyperparameters: H;
  /** The vocabulary size (27 for names.txt). */
  vocabSize: number;
  /** The printed count. */
  count: number;
  /** Where it is printed. */
  source: string;
}

/**
 * One hyperparameter, declared once: its type, default and range. Everything that takes or shows a
 * hyperparameter reads this: {@link resolveHyperparameters} checks values against the range, and the
 * CLI's flags and `--help`, the loading of a model directory and the docs' model table follow it. What
 * it controls, the help of its flag, is in {@link MODEL_DOCS}, which loading a model never needs.
 */
export interface HyperparameterSpec {
  /** `'int'` (a whole number) or `'number'`. */
  readonly type: 'int' | 'number';
  /** Default value. */
  readonly default: number;
  /** Smallest allowed value. */
  readonly min: number;
  /** Largest allowed value; none when absent. */
  readonly max?: number | undefined;
  /** The only allowed values, when the range is a list (wavenet's power-of-2 block sizes). */
  readonly values?: readonly number[] | undefined;
  /**
   * Set on a sequence model's `blockSize`: 0 (its default) stands for the longest training item's
   * length + 1, makemore's `max_word_length + 1`, which {@link resolveHyperparameters} fills in.
   */
  readonly fromData?: boolean | undefined;
}

/** The hyperparameters of one model by name, each with its {@link HyperparameterSpec}. */
export type HyperparameterSpecs = Readonly<Record<string, HyperparameterSpec>>;

/**
 * The values of the hyperparameters `S` declares, one number each: the typed object a model's `create`
 * and `parameterCount` receive, e.g. `{ blockSize: number; nEmbd: number; nHidden: number }` for `mlp`.
 */
export type HyperparameterValues<S extends HyperparameterSpecs> = { -readonly [K in keyof S]: number };

/**
 * One model type in the {@link MODEL_REGISTRY}, typed by its hyperparameters `H` (such as
 * {@link MlpHyperparameters}): what building, training and loading the model need. The registry lists
 * entries in the erased form `ModelEntry`, whose hyperparameters are any {@link Hyperparameters};
 * {@link resolveHyperparameters} of a typed entry returns its typed object. Its title, source and
 * hyperparameters' help are in {@link MODEL_DOCS} ({@link getModelDocs}), so that a page that only
 * loads a model and samples does not carry them.
 */
export interface ModelEntry<H extends Hyperparameters = Hyperparameters> {
  /** Registry name, e.g. `mlp`. */
  readonly name: string;
  /** How the model reads data. */
  readonly dataFormat: DataFormat;
  /** Each hyperparameter with its type, default and range. */
  readonly hyperparameters: { readonly [K in keyof H]: HyperparameterSpec };
  /** The default training recipe. */
  readonly recipe: Readonly<TrainingRecipe>;
  /** Number of trainable parameters for these hyperparameters (a formula; equals `create(...).numParameters()`). */
  parameterCount(hyperparameters: H, vocabSize: number): number;
  /** Builds a freshly initialised model. `hyperparameters` must be complete (see {@link resolveHyperparameters}). */
  create(hyperparameters: H, context: ModelContext): CharModel;
}
