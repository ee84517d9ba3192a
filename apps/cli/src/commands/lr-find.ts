import { type Command, InvalidArgumentError } from 'commander';
import type { DataOptions } from '../common-options.js';
import { addDataOptions } from '../common-options.js';
import { integerAtLeast, numberAbove, parseSeed } from '../options.js';
import type { CommandContext } from '../output.js';
import { type DocumentedEntry, hyperparameterOptions } from '../training/model-flags.js';
import { DEFAULT_SEED } from './train.js';

/** The options of `makemore lr-find`, as commander parses them. */
export interface LrFindOptions extends DataOptions {
  model: string;
  from: number;
  to: number;
  steps: number;
  batchSize?: number;
  seed: number;
  out: string;
  json?: boolean;
  quiet?: boolean;
  /** The hyperparameter flags, derived from the registry (`nEmbd`, `nHidden`, ...). */
  [hyperparameter: string]: unknown;
}

/** The most steps `lr-find` takes: the lecture's 1,000 a hundred times over is already hours. */
export const MAX_LR_FIND_STEPS = 100_000;

const stepCount = (raw: string): number => {
  const value = integerAtLeast(2)(raw);
  if (value > MAX_LR_FIND_STEPS) {
    throw new InvalidArgumentError(
      `It must be a whole number from 2 to ${MAX_LR_FIND_STEPS.toLocaleString('en-US')}.`,
    );
  }
  return value;
};

/**
 * Registers `makemore lr-find`: the part-2 lecture's learning-rate sweep over a short run from fresh
 * weights, printing the suggested rate and writing the loss-vs-learning-rate plot as SVG. The model
 * registry (for the hyperparameter flags) loads only when the command line names `lr-find`, and the
 * sweep's code only when it runs.
 *
 * @param program - the root command
 * @param context - streams, environment and the interrupt signal
 * @param argv - the command line, to load the registry only when it is needed
 */
export async function registerLrFind(
  program: Command,
  context: CommandContext,
  argv: readonly string[],
): Promise<void> {
  const models: readonly DocumentedEntry[] = argv.includes('lr-find')
    ? (await import('../training/registry-entries.js')).registryEntries()
    : [];
  const command = program
    .command('lr-find')
    .description(
      'sweep the learning rate over a short run and suggest one (writes the loss-vs-rate plot as SVG)',
    )
    .requiredOption('--model <name>', 'a neural model of `makemore train` (mlp, mlp-bn, ...)');
  addDataOptions(command)
    .option('--from <rate>', 'first learning rate of the sweep', numberAbove(0), 1e-3)
    .option('--to <rate>', 'last learning rate of the sweep', numberAbove(0), 1)
    .option(
      '--steps <n>',
      'steps of the sweep, the rate growing exponentially from --from to --to',
      stepCount,
      1000,
    )
    .option('--batch-size <n>', "examples per step (default: the model's recipe)", integerAtLeast(1))
    .option(
      '--seed <n>',
      'seed of the data split, the initial weights and the batches',
      parseSeed,
      DEFAULT_SEED,
    )
    .option('--out <file>', 'the SVG file to write', 'lr-find.svg')
    .option('--json', 'print the points and the suggestion as one JSON object')
    .option('--quiet', 'no progress bar');
  for (const option of hyperparameterOptions(models)) command.addOption(option);
  command.action(async (options: LrFindOptions) => {
    const { runLrFind } = await import('./lr-find-run.js');
    await runLrFind(options, command, context);
  });
}
