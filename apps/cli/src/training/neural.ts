import { type DataSplit, type SplitScheme, splitItems, Vocab } from '@makemore/data';
import { getModelEntry, type TrainingRecipe } from '@makemore/models';
import {
  CONFIG_FILE,
  createTrainingRun,
  type DataInfo,
  type DoneEvent,
  knownModelTypes,
  LAST_WEIGHTS_FILE,
  OPTIMIZER_FILE,
  parseModelConfig,
  parseTrainingState,
  resumeTrainingRun,
  TRAINING_STATE_FILE,
  type TrainingRun,
  type TrainingState,
} from '@makemore/train';
import { UsageError } from '../errors.js';
import { readModelDirectory, writeModelDirectory } from '../model-store.js';
import type { CommandContext } from '../output.js';
import { createReporter } from './reporter.js';

/** Recipe fields a flag may set; `--resume` may change these too. */
export type RecipeOverrides = Partial<Record<Exclude<keyof TrainingRecipe, 'split' | 'optimizer'>, number>>;

/** Everything the CLI passes to a neural training. */
export interface NeuralTrainRequest {
  /** Registry name. */
  model: string;
  /** Every item of the dataset. */
  items: readonly string[];
  /** What config.json records of the data (its fingerprint is computed by the caller). */
  data: DataInfo;
  /** Model directory to write (and, with `resume`, to read). */
  out: string;
  /** Seed of the split, the weights and the batches. */
  seed: number;
  /** Hyperparameter overrides from flags (undefined: not given). */
  hyperparameters: Record<string, number | undefined>;
  /** Recipe overrides from flags (undefined: not given). */
  recipe: RecipeOverrides;
  /** How to split the data (undefined: the model's recipe). */
  split?: SplitScheme;
  /** The checkpoint to continue (see {@link readCheckpoint}), or null to start afresh. */
  resume: Checkpoint | null;
  /** Rows of each split the periodic evaluations read (undefined: all). */
  evalRows?: number;
  /** Record diagnostics at each evaluation into `diagnostics.json` (`--diagnostics`). */
  diagnostics?: boolean;
  /** Print JSON lines. */
  json: boolean;
  /** No progress bar or progress lines. */
  quiet: boolean;
  /** Stops the loop, which saves first (SIGINT). */
  signal: AbortSignal;
}

/** A model directory with training state, as `--resume` reads it before any data is loaded. */
export interface Checkpoint {
  /** Every file of the directory. */
  files: Map<string, Uint8Array>;
  /** Its validated config.json. */
  config: ReturnType<typeof parseModelConfig>;
  /** Its validated training state. */
  state: TrainingState;
}

function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/**
 * Reads the checkpoint `--resume` continues, so the model, the data and the recipe come from it.
 *
 * @param out - the model directory
 * @throws UsageError when the directory holds no resumable training
 */
export async function readCheckpoint(out: string): Promise<Checkpoint> {
  const files = await readModelDirectory(out);
  const stateBytes = files.get(TRAINING_STATE_FILE);
  // readModelDirectory has checked that config.json is there.
  const configBytes = files.get(CONFIG_FILE)!;
  if (stateBytes === undefined || !files.has(LAST_WEIGHTS_FILE) || !files.has(OPTIMIZER_FILE)) {
    throw new UsageError(`${out} has no training state to resume; train without --resume to start over.`);
  }
  const decode = (bytes: Uint8Array, name: string): unknown => {
    try {
      return JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new Error(
        `${name} in ${out} is not valid JSON, so the run cannot resume; train without --resume to start over.`,
      );
    }
  };
  return {
    files,
    config: parseModelConfig(decode(configBytes, CONFIG_FILE), knownModelTypes()),
    state: parseTrainingState(decode(stateBytes, TRAINING_STATE_FILE)),
  };
}

function resumeRun(
  request: NeuralTrainRequest,
  checkpoint: Checkpoint,
): { run: TrainingRun; split: DataSplit } {
  const { state } = checkpoint;
  const split = splitItems(request.items, { seed: state.seed, scheme: state.recipe.split });
  const run = resumeTrainingRun(checkpoint.files, {
    split,
    data: request.data,
    recipe: defined(request.recipe) as Partial<TrainingRecipe>,
  });
  return { run, split };
}

function createRun(request: NeuralTrainRequest): { run: TrainingRun; split: DataSplit } {
  const scheme = request.split ?? getModelEntry(request.model).recipe.split;
  const split = splitItems(request.items, { seed: request.seed, scheme });
  const run = createTrainingRun({
    model: request.model,
    hyperparameters: defined(request.hyperparameters) as Record<string, number>,
    // The recipe records the scheme, so sample marks and --resume rebuild the same split.
    recipe: { ...(defined(request.recipe) as Partial<TrainingRecipe>), split: scheme },
    split,
    vocab: Vocab.fromItems(request.items),
    data: request.data,
    seed: request.seed,
  });
  return { run, split };
}

/**
 * Trains (or resumes) a neural model of the registry, reporting progress and writing a checkpoint
 * to `out` atomically at every evaluation, at the end and when stopped.
 *
 * @param request - model, data, overrides and output
 * @param context - streams
 * @returns the final event (not yet printed in JSON mode, so the caller can print it last), the
 *   run for sampling and the split, for the samples' novelty marks
 */
export async function trainNeural(
  request: NeuralTrainRequest,
  context: CommandContext,
): Promise<{ done: DoneEvent; run: TrainingRun; split: DataSplit }> {
  const { run, split } = request.resume ? resumeRun(request, request.resume) : createRun(request);
  const reporter = createReporter(run, context, {
    json: request.json,
    quiet: request.quiet,
    seed: request.seed,
  });
  try {
    const done = await run.train({
      onEvent: (event) => reporter.onEvent(event),
      save: (files) => writeModelDirectory(request.out, files),
      signal: request.signal,
      // Frequent step events feed the progress line; in JSON they would flood the output.
      logEvery: request.json ? 100 : 10,
      evalRows: request.evalRows,
      diagnostics: request.diagnostics ?? false,
    });
    return { done, run, split };
  } finally {
    reporter.stop();
  }
}
