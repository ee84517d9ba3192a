import { getModelEntry } from '@makemore/models';
import { formatLearningRate, lrFindChart, renderSvg } from '@makemore/plots';
import { findLearningRate, isCountModel, knownModelTypes, type LrFindResult } from '@makemore/train';
import type { Command } from 'commander';
import { Interrupted, UsageError } from '../errors.js';
import { type CommandContext, formatCount, writeJsonLine } from '../output.js';
import { createProgress } from '../progress.js';
import { flagOf, hyperparameterFlags } from '../training/model-flags.js';
import { registryEntries } from '../training/registry-entries.js';
import { loadTrainingData } from '../training/training-data.js';
import { writeOutputFile } from '../write-file.js';
import type { LrFindOptions } from './lr-find.js';

/** Checks the model and the flags against it before any data is read. */
function checkOptions(
  options: LrFindOptions,
  given: (key: string) => boolean,
): Record<string, number | undefined> {
  const { model } = options;
  if (!knownModelTypes().includes(model)) {
    throw new UsageError(
      `There is no model named '${model}'; choose one of: ${knownModelTypes().join(', ')}.`,
    );
  }
  if (isCountModel(model)) {
    throw new UsageError(
      `The ${model} model is counted, not trained with a learning rate; sweep a neural model such as mlp.`,
    );
  }
  if (options.from >= options.to) {
    throw new UsageError(
      `--from (${options.from}) must be below --to (${options.to}): the sweep raises the rate from one to the other.`,
    );
  }
  const takes = Object.keys(getModelEntry(model).hyperparameters);
  const foreign = hyperparameterFlags(registryEntries()).find(
    ({ key }) => given(key) && !takes.includes(key),
  );
  if (foreign !== undefined) {
    throw new UsageError(
      `${foreign.flag} is a hyperparameter of ${foreign.models.join(', ')}, not of the ${model} model; it takes ${takes.map(flagOf).join(', ')}.`,
    );
  }
  return Object.fromEntries(takes.map((key) => [key, options[key] as number | undefined]));
}

/** The one line that says what the sweep found. */
function summary(result: LrFindResult): string {
  const range = `searched ${formatLearningRate(result.from)} to ${formatLearningRate(result.to)} over ${formatCount(result.steps)} steps`;
  const last = result.points.at(-1);
  const stop =
    result.stopped === 'blow-up' && last !== undefined
      ? `; the loss blew up at ${formatLearningRate(last.lr)} after ${formatCount(result.points.length)} steps`
      : '';
  if (result.suggestion === null) {
    return `no suggested learning rate: the smoothed loss did not fall within the sweep (${range}${stop}); start it lower with --from.`;
  }
  const minimum = result.minimum!;
  return (
    `suggested learning rate: ${formatLearningRate(result.suggestion.lr)} ` +
    `(${range}${stop}; the smoothed loss was lowest, ${minimum.smoothed.toFixed(2)}, at ${formatLearningRate(minimum.lr)})`
  );
}

/**
 * Runs `makemore lr-find`: checks the flags, reads the data as `train` does, sweeps the learning rate
 * with a progress bar on stderr, writes the plot atomically and prints the suggestion (or, with
 * `--json`, the points and the suggestion as one object).
 *
 * @param options - the parsed options
 * @param command - the command, to tell given flags from defaults
 * @param context - streams, environment and the interrupt signal
 */
export async function runLrFind(
  options: LrFindOptions,
  command: Command,
  context: CommandContext,
): Promise<void> {
  const given = (key: string) => command.getOptionValueSource(key) === 'cli';
  const hyperparameters = checkOptions(options, given);
  const data = await loadTrainingData(
    { spec: options.data, lowercase: options.lowercase ?? false, warnLongItems: null },
    context,
  );
  const progress = createProgress('lr-find', context.stderr);
  let result: LrFindResult;
  try {
    result = await findLearningRate({
      model: options.model,
      hyperparameters,
      items: data.items,
      from: options.from,
      to: options.to,
      steps: options.steps,
      batchSize: options.batchSize,
      seed: options.seed,
      signal: context.signal,
      onProgress: ({ step, steps, lr, smoothed }) => {
        if (!options.quiet)
          progress.update(step, steps, { lr: formatLearningRate(lr), loss: smoothed.toFixed(4) });
      },
    });
  } finally {
    progress.stop();
  }
  if (result.stopped === 'cancelled') {
    throw new Interrupted(
      `The sweep stopped at step ${formatCount(result.points.length)} of ${formatCount(result.steps)}; nothing was written.`,
    );
  }
  const svg = await renderSvg(
    lrFindChart(result, {
      title: `${result.model}: loss while the learning rate grows (${data.data.source})`,
    }),
  );
  await writeOutputFile(options.out, svg);
  if (options.json) {
    const { model, from, to, steps, stopped, suggestion, minimum, steepest, points } = result;
    writeJsonLine(context.stdout, {
      event: 'lr-find',
      model,
      from,
      to,
      steps,
      stopped,
      suggestion,
      minimum,
      steepest,
      out: options.out,
      points,
    });
    return;
  }
  context.stdout.write(`${summary(result)}\nwrote ${options.out}\n`);
}
