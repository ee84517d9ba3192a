import { MAX_NGRAM_ORDER } from '@makemore/bigram';
import { getModelEntry } from '@makemore/models';
import {
  COUNT_MODEL_OPTIONS,
  COUNT_NGRAM,
  DEFAULT_NGRAM_ORDER,
  isCountModel,
  knownModelTypes,
} from '@makemore/train';
import type { Command } from 'commander';
import { Interrupted, UsageError } from '../errors.js';
import { describeStoredModel } from '../model-store.js';
import { type CommandContext, formatCount, writeJsonLine } from '../output.js';
import { trainCountModel } from './count.js';
import { useDevice } from './device.js';
import { finishTraining } from './finish.js';
import { flagOf, hyperparameterFlags } from './model-flags.js';
import { type Checkpoint, type RecipeOverrides, readCheckpoint, trainNeural } from './neural.js';
import { RECIPE_FLAGS } from './recipe-flags.js';
import { registryEntries } from './registry-entries.js';
import type { TrainOptions } from './train-options.js';
import { loadTrainingData } from './training-data.js';

// Flags that only one family of models understands; giving one to the other is a usage error
// rather than silently ignored. The count models' options are trainModel's too.
const NEURAL_ONLY = [
  'device',
  'threads',
  'resume',
  ...RECIPE_FLAGS.map(({ key }) => key),
  'evalRows',
  'diagnostics',
];
/** Why each other flag cannot change on resume. */
const FIXED_ON_RESUME: Record<string, string> = {
  split: "the checkpoint's split decides which items are held out",
  seed: 'the checkpoint continues its own random stream',
  lowercase: 'the checkpoint records how its data was read',
  maxLength: 'the checkpoint records how its data was read',
};

/** makemore.py evaluates its models on 10 batches of 100 rows; the lecture's models read every row. */
const MAKEMORE_EVAL_ROWS = 1000;

type Given = (key: string) => boolean;

function checkModel(model: string): void {
  if (!knownModelTypes().includes(model)) {
    throw new UsageError(
      `There is no model named '${model}'; choose one of: ${knownModelTypes().join(', ')}.`,
    );
  }
}

function checkFlags(model: string, options: TrainOptions, given: Given): void {
  const wrong = isCountModel(model)
    ? [...NEURAL_ONLY, ...(model === COUNT_NGRAM ? [] : ['n'])].filter(given)
    : COUNT_MODEL_OPTIONS.filter(given);
  if (wrong.length > 0) {
    throw new UsageError(`${flagOf(wrong[0]!)} does not apply to the ${model} model; leave it out.`);
  }
  if (options.n !== undefined && options.n > MAX_NGRAM_ORDER) {
    throw new UsageError(
      `--n must be at most ${MAX_NGRAM_ORDER}: longer contexts of a word list are almost all seen once.`,
    );
  }
  const hyper = hyperparameterFlags(registryEntries()).filter(({ key }) => given(key));
  const takes = isCountModel(model) ? [] : Object.keys(getModelEntry(model).hyperparameters);
  const foreign = hyper.find(({ key }) => !takes.includes(key));
  if (foreign !== undefined) {
    const accepted = takes.length > 0 ? `it takes ${takes.map(flagOf).join(', ')}` : 'it has none';
    throw new UsageError(
      `${foreign.flag} is a hyperparameter of ${foreign.models.join(', ')}, not of the ${model} model; ${accepted}.`,
    );
  }
  if (!options.resume) return;
  if (hyper.length > 0) {
    throw new UsageError(
      `${hyper[0]!.flag} cannot change when resuming: the checkpoint fixes the model's architecture.`,
    );
  }
  const fixed = Object.keys(FIXED_ON_RESUME).find(given);
  if (fixed !== undefined) {
    throw new UsageError(`${flagOf(fixed)} cannot change when resuming: ${FIXED_ON_RESUME[fixed]}.`);
  }
}

async function refuseOverwrite(out: string, model: string): Promise<void> {
  const held = await describeStoredModel(out);
  if (held === null) return;
  const resumable = !isCountModel(model) && held.startsWith(`${model} `);
  const choices = resumable ? '--resume to continue or --force to replace it' : '--force to replace it';
  throw new UsageError(`${out} holds a trained ${held}; pass ${choices}.`);
}

/** Where the run writes, which model it trains and the checkpoint it continues. */
async function resolveTarget(
  options: TrainOptions,
  given: Given,
): Promise<{ out: string; model: string; checkpoint: Checkpoint | null }> {
  if (given('model')) checkModel(options.model);
  if (!options.resume) {
    const out = options.out ?? `runs/${options.model}`;
    if (!options.force) await refuseOverwrite(out, options.model);
    return { out, model: options.model, checkpoint: null };
  }
  if (isCountModel(options.model) && given('model')) {
    throw new UsageError(`--resume does not apply to the ${options.model} model; leave it out.`);
  }
  if (options.out === undefined && !given('model')) {
    throw new UsageError('--resume continues the model in a directory; name it with --out <dir>.');
  }
  const out = options.out ?? `runs/${options.model}`;
  const checkpoint = await readCheckpoint(out);
  const model = checkpoint.config.model;
  if (given('model') && options.model !== model) {
    throw new UsageError(
      `${out} holds a ${model} model, not ${options.model}; leave --model out to resume it.`,
    );
  }
  return { out, model, checkpoint };
}

function recipeOverrides(options: TrainOptions): RecipeOverrides {
  // A resumed run may change these too: how long and how fast it goes on, not what it trains.
  return Object.fromEntries(RECIPE_FLAGS.map(({ key }) => [key, options[key]])) as RecipeOverrides;
}

/**
 * Runs `makemore train`: checks the flags against the model (before any data is read), refuses to
 * overwrite a model without `--force`, reads the data (from the checkpoint with `--resume`), trains
 * the count bigram or a neural model, and prints samples.
 *
 * @param options - the parsed options
 * @param command - the command, to tell given flags from defaults
 * @param context - streams, environment and the interrupt signal
 */
export async function runTrain(
  options: TrainOptions,
  command: Command,
  context: CommandContext,
): Promise<void> {
  const given: Given = (key) => command.getOptionValueSource(key) === 'cli';
  const { out, model, checkpoint } = await resolveTarget(options, given);
  checkFlags(model, options, given);
  const recorded = checkpoint?.config.data;
  const spec = given('data') || recorded === undefined ? options.data : recorded.source;
  const entry = isCountModel(model) ? null : getModelEntry(model);
  // A sequence model's blockSize left at 0 follows the longest item, so a stray long line is worth a warning.
  const derivesBlockSize = Object.entries(entry?.hyperparameters ?? {}).some(
    ([key, spec]) => spec.fromData && (options[key] ?? spec.default) === 0,
  );
  const data = await loadTrainingData(
    {
      spec,
      lowercase: recorded?.lowercase ?? options.lowercase ?? false,
      maxLength: recorded?.maxLength ?? options.maxLength,
      warnLongItems: derivesBlockSize && checkpoint === null ? `The ${model} model` : null,
    },
    context,
  );
  if (entry === null) {
    await trainCountModel(
      {
        model,
        n: options.n ?? DEFAULT_NGRAM_ORDER,
        data,
        out,
        scheme: options.split ?? 'none',
        seed: options.seed,
        layout: options.layout,
        smoothing: options.smoothing,
        samples: options.samples,
        json: options.json ?? false,
      },
      context,
    );
    return;
  }

  const device = await useDevice(options.device, options.threads);
  if (options.json) writeJsonLine(context.stdout, { event: 'device', ...device });
  else {
    const where =
      device.mode !== null
        ? `gpu.js ${device.mode}`
        : device.threads > 1
          ? `cpu, ${device.threads} threads`
          : 'cpu';
    context.stdout.write(
      `data: ${data.data.source}, ${formatCount(data.items.length)} items; device: ${where}${options.verbose ? ` (${device.reason})` : ''}\n`,
    );
  }
  const hyperparameters = Object.fromEntries(
    Object.keys(entry.hyperparameters).map((key) => [key, options[key] as number | undefined]),
  );
  const { done, run, split } = await trainNeural(
    {
      model,
      items: data.items,
      data: data.data,
      out,
      seed: checkpoint?.state.seed ?? options.seed,
      resume: checkpoint,
      json: options.json ?? false,
      quiet: options.quiet ?? false,
      signal: context.signal,
      hyperparameters,
      recipe: recipeOverrides(options),
      split: options.split,
      evalRows: options.evalRows ?? (entry.dataFormat === 'sequence' ? MAKEMORE_EVAL_ROWS : undefined),
      diagnostics: options.diagnostics ?? false,
    },
    context,
  );
  if (done.cancelled) {
    if (options.json) writeJsonLine(context.stdout, { ...done, out });
    throw new Interrupted(
      `Training stopped at step ${formatCount(done.steps)}; the checkpoint in ${out} is saved, continue it with --resume.`,
    );
  }
  await finishTraining(
    run.languageModel(),
    split,
    done,
    { samples: options.samples, seed: options.seed, json: options.json ?? false, out },
    context,
  );
}
