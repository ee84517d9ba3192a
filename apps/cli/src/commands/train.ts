import { splitItems, type VocabLayout } from '@makemore/data';
import { averageNll, generate } from '@makemore/sampling';
import { encodeModelDirectory } from '@makemore/train';
import { type Command, Option } from 'commander';
import { addDataOptions, type DataOptions, layoutOption } from '../common-options.js';
import { loadItems } from '../data-source.js';
import { UsageError } from '../errors.js';
import { loadedModelFrom } from '../load-model.js';
import { writeModelDirectory } from '../model-store.js';
import { MODEL_KINDS, MODEL_NAMES } from '../models/registry.js';
import { integerAtLeast, numberAtLeast, parseSeed } from '../options.js';
import { type CommandContext, formatCount, writeJsonLine } from '../output.js';

/** makemore's default seed. */
export const DEFAULT_SEED = 3407;

interface TrainOptions extends DataOptions {
  model: string;
  out?: string;
  smoothing: number;
  layout: VocabLayout;
  seed: number;
  samples: number;
  json?: boolean;
}

async function runTrain(options: TrainOptions, context: CommandContext): Promise<void> {
  const kind = MODEL_KINDS.get(options.model);
  if (kind === undefined) {
    throw new UsageError(
      `There is no model named '${options.model}'; choose one of: ${MODEL_NAMES.join(', ')}.`,
    );
  }
  const out = options.out ?? `runs/${kind.name}`;
  const started = performance.now();
  const { items, source } = await loadItems(options.data, {
    ...options,
    env: context.env,
    progressStream: context.stderr,
  });
  const split = splitItems(items, { seed: options.seed });
  if (options.json) {
    writeJsonLine(context.stdout, {
      event: 'start',
      model: kind.name,
      source,
      items: items.length,
      train: split.train.length,
      val: split.val.length,
      test: split.test.length,
    });
  } else {
    context.stdout.write(
      `training ${kind.name} on ${source}: ${formatCount(items.length)} items ` +
        `(train ${formatCount(split.train.length)}, val ${formatCount(split.val.length)}, test ${formatCount(split.test.length)})\n`,
    );
  }
  const directory = await kind.train({
    split,
    layout: options.layout,
    seed: options.seed,
    smoothing: options.smoothing,
    lowercase: options.lowercase ?? false,
    data: { source, items },
  });
  await writeModelDirectory(out, encodeModelDirectory(directory));
  const model = loadedModelFrom(directory);
  const loss = async (part: readonly string[]) =>
    part.length === 0 ? null : (await averageNll(model, part)).nll;
  const result = { train: await loss(split.train), val: await loss(split.val), test: await loss(split.test) };
  const seconds = (performance.now() - started) / 1000;
  const samples = await generate(model, { count: options.samples, seed: options.seed });
  if (options.json) {
    for (const sample of samples) writeJsonLine(context.stdout, { event: 'sample', sample });
    writeJsonLine(context.stdout, { event: 'done', ...result, steps: 0, seconds, out });
    return;
  }
  const show = (value: number | null) => (value === null ? 'n/a' : value.toFixed(4));
  context.stdout.write(
    `loss (average NLL per token): train ${show(result.train)}, val ${show(result.val)}, test ${show(result.test)}\n`,
  );
  context.stdout.write(`wrote ${out} in ${seconds.toFixed(2)} s\n`);
  if (samples.length > 0) context.stdout.write(`samples:\n${samples.map((s) => `  ${s}`).join('\n')}\n`);
}

/**
 * Registers `makemore train`: fits a model on a dataset's training split, reports train/val/test
 * loss, writes the model directory atomically and prints a few samples.
 *
 * @param program - the root command
 * @param context - streams and environment
 */
export function registerTrain(program: Command, context: CommandContext): void {
  const command = program
    .command('train')
    .description('train a model on a dataset and write it to a model directory')
    .addOption(new Option('--model <name>', `model type: ${MODEL_NAMES.join(', ')}`).default('bigram'));
  addDataOptions(command)
    .option('--out <dir>', 'model directory to write (default: runs/<model>)')
    .option('--smoothing <alpha>', 'add-alpha smoothing of the bigram counts', numberAtLeast(0), 1)
    .addOption(layoutOption())
    .option('--seed <n>', 'seed for the data split and sampling', parseSeed, DEFAULT_SEED)
    .option('--samples <n>', 'how many samples to print when done', integerAtLeast(0), 10)
    .option('--json', 'print one JSON event per line')
    .action((options: TrainOptions) => runTrain(options, context));
}
