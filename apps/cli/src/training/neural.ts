import { type DataSplit, fingerprintItems, type SplitScheme, splitItems, Vocab } from '@makemore/data';
import { getModelEntry, type TrainingRecipe } from '@makemore/models';
import {
  CONFIG_FILE,
  createTrainingRun,
  type DoneEvent,
  parseTrainingState,
  resumeTrainingRun,
  TRAINING_STATE_FILE,
  type TrainingRun,
} from '@makemore/train';
import { UsageError } from '../errors.js';
import { readModelDirectory, writeModelDirectory } from '../model-store.js';
import type { CommandContext } from '../output.js';
import { createReporter } from './reporter.js';

/** Everything the CLI passes to a neural training. */
export interface NeuralTrainRequest {
  /** Registry name. */
  model: string;
  /** Every item of the dataset. */
  items: readonly string[];
  /** Dataset name or file path. */
  source: string;
  /** Model directory to write (and, with `resume`, to read). */
  out: string;
  /** Seed of the split, the weights and the batches. */
  seed: number;
  /** Hyperparameter overrides from flags (undefined: not given). */
  hyperparameters: Record<string, number | undefined>;
  /** Recipe overrides from flags (undefined: not given). */
  recipe: Partial<Record<Exclude<keyof TrainingRecipe, 'split'>, number | undefined>>;
  /** How to split the data (undefined: the model's recipe). */
  split?: SplitScheme;
  /** Continue the checkpoint in `out`. */
  resume: boolean;
  /** Print JSON lines. */
  json: boolean;
  /** Stops the loop, which saves first (SIGINT). */
  signal: AbortSignal;
}

function defined<T extends object>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

async function resumeRun(
  request: NeuralTrainRequest,
  data: { source: string; fingerprint: string; items: number },
): Promise<TrainingRun> {
  const files = await readModelDirectory(request.out);
  const stateBytes = files.get(TRAINING_STATE_FILE);
  if (stateBytes === undefined) {
    throw new UsageError(
      `${request.out} has no training state to resume; train without --resume to start over.`,
    );
  }
  const state = parseTrainingState(JSON.parse(new TextDecoder().decode(stateBytes)));
  const config = JSON.parse(new TextDecoder().decode(files.get(CONFIG_FILE))) as { model?: unknown };
  if (config.model !== request.model) {
    throw new UsageError(
      `${request.out} holds a ${String(config.model)} model, not ${request.model}; resume it with --model ${String(config.model)}.`,
    );
  }
  const split = splitItems(request.items, { seed: state.seed, scheme: state.recipe.split });
  return resumeTrainingRun(files, {
    split,
    data,
    recipe: defined({ steps: request.recipe.steps }) as Partial<TrainingRecipe>,
  });
}

function createRun(
  request: NeuralTrainRequest,
  data: { source: string; fingerprint: string; items: number },
): TrainingRun {
  const scheme = request.split ?? getModelEntry(request.model).recipe.split;
  const split: DataSplit = splitItems(request.items, { seed: request.seed, scheme });
  return createTrainingRun({
    model: request.model,
    hyperparameters: defined(request.hyperparameters) as Record<string, number>,
    // The recipe records the scheme, so sample marks and --resume rebuild the same split.
    recipe: { ...(defined(request.recipe) as Partial<TrainingRecipe>), split: scheme },
    split,
    vocab: Vocab.fromItems(request.items),
    data,
    seed: request.seed,
  });
}

/**
 * Trains (or resumes) a neural model of the registry, reporting progress and writing a checkpoint
 * to `out` atomically at every evaluation, at the end and when stopped.
 *
 * @param request - model, data, overrides and output
 * @param context - streams
 * @returns the final event, and the run for sampling
 */
export async function trainNeural(
  request: NeuralTrainRequest,
  context: CommandContext,
): Promise<{ done: DoneEvent; run: TrainingRun }> {
  const data = {
    source: request.source,
    fingerprint: await fingerprintItems(request.items),
    items: request.items.length,
  };
  const run = request.resume ? await resumeRun(request, data) : createRun(request, data);
  const reporter = createReporter(run, context, request.json, request.seed);
  try {
    const done = await run.train({
      onEvent: (event) => reporter.onEvent(event),
      save: (files) => writeModelDirectory(request.out, files),
      signal: request.signal,
    });
    return { done, run };
  } finally {
    reporter.stop();
  }
}
