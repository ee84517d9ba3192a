import { SPLIT_SCHEMES, type SplitScheme, splitItems, type VocabLayout } from '@makemore/data';
import type { DeviceRequest } from '@makemore/gpu';
import { averageNll, generate, type LanguageModel } from '@makemore/sampling';
import { encodeModelDirectory } from '@makemore/train';
import { type Command, Option } from 'commander';
import { addDataOptions, type DataOptions, layoutOption } from '../common-options.js';
import { COUNT_BIGRAM, loadCountBigram, trainCountBigram } from '../count-bigram.js';
import { loadItems } from '../data-source.js';
import { Interrupted, UsageError } from '../errors.js';
import { modelHelp, modelNames } from '../model-names.js';
import { writeModelDirectory } from '../model-store.js';
import { integerAtLeast, numberAbove, numberAtLeast, parseSeed } from '../options.js';
import { type CommandContext, formatCount, writeJsonLine } from '../output.js';
import { useDevice } from '../training/device.js';
import { trainNeural } from '../training/neural.js';

/** makemore's default seed. */
export const DEFAULT_SEED = 3407;

interface TrainOptions extends DataOptions {
  model: string;
  out?: string;
  seed: number;
  samples: number;
  json?: boolean;
  device: DeviceRequest;
  threads: number;
  smoothing: number;
  layout: VocabLayout;
  resume?: boolean;
  steps?: number;
  batchSize?: number;
  lr?: number;
  lrDecayAt?: number;
  weightDecay?: number;
  evalEvery?: number;
  split?: SplitScheme;
  blockSize?: number;
  nEmbd?: number;
  nHidden?: number;
  nLayer?: number;
  nHead?: number;
}

// Flags that only one family of models understands; giving one to the other is a usage error
// rather than silently ignored.
const COUNT_ONLY = ['smoothing', 'layout'] as const;
const NEURAL_ONLY = [
  'device',
  'threads',
  'resume',
  'steps',
  'batchSize',
  'lr',
  'lrDecayAt',
  'weightDecay',
  'evalEvery',
  'split',
  'blockSize',
  'nEmbd',
  'nHidden',
  'nLayer',
  'nHead',
] as const;
const flagName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

function checkFlags(options: TrainOptions, command: Command): void {
  if (!modelNames().includes(options.model)) {
    throw new UsageError(
      `There is no model named '${options.model}'; choose one of: ${modelNames().join(', ')}.`,
    );
  }
  const given = (key: string) => command.getOptionValueSource(key) === 'cli';
  const wrong = options.model === COUNT_BIGRAM ? NEURAL_ONLY.filter(given) : COUNT_ONLY.filter(given);
  if (wrong.length > 0) {
    throw new UsageError(
      `${flagName(wrong[0]!)} does not apply to the ${options.model} model; leave it out.`,
    );
  }
  // A resumed run keeps the checkpoint's model and recipe; only the number of steps may grow.
  const fixedOnResume = NEURAL_ONLY.filter((key) => !['device', 'threads', 'resume', 'steps'].includes(key));
  const changed = options.resume ? fixedOnResume.filter(given) : [];
  if (changed.length > 0) {
    throw new UsageError(
      `${flagName(changed[0]!)} cannot change when resuming; only --steps can (the checkpoint keeps its model and recipe).`,
    );
  }
}

async function finish(
  model: LanguageModel,
  result: { train: number | null; val: number | null; test: number | null; steps: number; seconds: number },
  options: TrainOptions,
  out: string,
  context: CommandContext,
): Promise<void> {
  const samples = await generate(model, { count: options.samples, seed: options.seed });
  if (options.json) {
    for (const sample of samples) writeJsonLine(context.stdout, { event: 'sample', sample });
    writeJsonLine(context.stdout, { event: 'done', ...result, out });
    return;
  }
  context.stdout.write(`wrote ${out}\n`);
  if (samples.length > 0) context.stdout.write(`samples:\n${samples.map((s) => `  ${s}`).join('\n')}\n`);
}

async function runCountBigram(options: TrainOptions, out: string, context: CommandContext): Promise<void> {
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
      model: COUNT_BIGRAM,
      source,
      items: items.length,
      train: split.train.length,
      val: split.val.length,
      test: split.test.length,
    });
  } else {
    context.stdout.write(
      `training ${COUNT_BIGRAM} on ${source}: ${formatCount(items.length)} items ` +
        `(train ${formatCount(split.train.length)}, val ${formatCount(split.val.length)}, test ${formatCount(split.test.length)})\n`,
    );
  }
  const directory = await trainCountBigram({
    split,
    items,
    source,
    layout: options.layout,
    smoothing: options.smoothing,
    seed: options.seed,
  });
  await writeModelDirectory(out, encodeModelDirectory(directory));
  const model = loadCountBigram(directory);
  const loss = async (part: readonly string[]) =>
    part.length === 0 ? null : (await averageNll(model, part)).nll;
  const result = {
    train: await loss(split.train),
    val: await loss(split.val),
    test: await loss(split.test),
    steps: 0,
    seconds: (performance.now() - started) / 1000,
  };
  if (!options.json) {
    const show = (value: number | null) => (value === null ? 'n/a' : value.toFixed(4));
    context.stdout.write(
      `loss (average NLL per token): train ${show(result.train)}, val ${show(result.val)}, test ${show(result.test)}\n`,
    );
  }
  await finish(model, result, options, out, context);
}

async function runNeural(options: TrainOptions, out: string, context: CommandContext): Promise<void> {
  const { items, source } = await loadItems(options.data, {
    ...options,
    env: context.env,
    progressStream: context.stderr,
  });
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
      `data: ${source}, ${formatCount(items.length)} items; device: ${where} (${device.reason})\n`,
    );
  }
  const { done, run } = await trainNeural(
    {
      model: options.model,
      items,
      source,
      out,
      seed: options.seed,
      resume: options.resume ?? false,
      json: options.json ?? false,
      signal: context.signal,
      hyperparameters: {
        blockSize: options.blockSize,
        nEmbd: options.nEmbd,
        nHidden: options.nHidden,
        nLayer: options.nLayer,
        nHead: options.nHead,
      },
      recipe: {
        steps: options.steps,
        batchSize: options.batchSize,
        lr: options.lr,
        lrDecayAt: options.lrDecayAt,
        weightDecay: options.weightDecay,
        evalEvery: options.evalEvery,
      },
      split: options.split,
    },
    context,
  );
  if (done.cancelled) {
    throw new Interrupted(
      `Training stopped at step ${formatCount(done.steps)}; the checkpoint in ${out} is saved, continue it with --resume.`,
    );
  }
  // The loop already printed its done event in JSON mode; finish adds the samples and the summary line.
  await finish(run.languageModel(), done, options, out, context);
}

/**
 * Registers `makemore train`: trains a model on a dataset's training split, reports train/val/test
 * loss, writes the model directory atomically (checkpoints on the way for neural models) and prints
 * a few samples.
 *
 * @param program - the root command
 * @param context - streams, environment and the interrupt signal
 */
export function registerTrain(program: Command, context: CommandContext): void {
  const command = program
    .command('train')
    .description('train a model on a dataset and write it to a model directory')
    .addHelpText('after', `\nModels:\n${modelHelp()}\n`)
    .addOption(new Option('--model <name>', 'model type (see the list below)').default(COUNT_BIGRAM));
  addDataOptions(command)
    .option('--out <dir>', 'model directory to write (default: runs/<model>)')
    .option(
      '--seed <n>',
      'seed of the data split, the initial weights, the batches and the samples',
      parseSeed,
      DEFAULT_SEED,
    )
    .option('--samples <n>', 'how many samples to print when done', integerAtLeast(0), 10)
    .addOption(
      new Option(
        '--device <device>',
        'neural: where training runs: auto (a hardware GPU through gpu.js, else the CPU backend), cpu, gpu (the best gpu.js mode here) or a gpu.js mode',
      )
        .choices(['auto', 'cpu', 'gpu', 'headlessgl', 'webgl2', 'webgl', 'webasm'])
        .default('auto'),
    )
    .option(
      '--threads <n>',
      'neural, CPU backend: threads that share large matmuls by rows (results equal one thread; 1 by default, as two were no faster on a 2-vCPU machine whose vCPUs share a core)',
      integerAtLeast(1),
      1,
    )
    .option('--json', 'print one JSON event per line')
    .option('--smoothing <alpha>', 'bigram: add-alpha smoothing of the counts', numberAtLeast(0), 1)
    .addOption(layoutOption())
    .option('--steps <n>', 'neural: total optimisation steps', integerAtLeast(1))
    .option('--batch-size <n>', 'neural: examples per step', integerAtLeast(1))
    .option('--lr <rate>', 'neural: learning rate', numberAbove(0))
    .option(
      '--lr-decay-at <step>',
      'neural: step from which the learning rate is divided by 10',
      integerAtLeast(0),
    )
    .option('--weight-decay <w>', 'neural: weight decay (AdamW) ', numberAtLeast(0))
    .option('--eval-every <n>', 'neural: steps between evaluations and checkpoints', integerAtLeast(1))
    .addOption(
      new Option(
        '--split <scheme>',
        "neural: how to split the data (default: the model's recipe): fractions (80/10/10 of a seeded shuffle), lecture (the same cut of Python's random.shuffle: with --seed 42 the lecture's own sets), makemore (a test set of up to 1,000, no validation) or makemore-torch (the same cut of PyTorch's randperm: with --seed 3407 makemore.py's own sets)",
      ).choices(SPLIT_SCHEMES),
    )
    .option('--block-size <n>', 'neural: characters of context', integerAtLeast(1))
    .option('--n-embd <n>', 'neural: embedding size', integerAtLeast(1))
    .option('--n-hidden <n>', 'neural: hidden layer size', integerAtLeast(1))
    .option('--n-layer <n>', 'neural: layers (rnn, gru, transformer)', integerAtLeast(1))
    .option('--n-head <n>', 'neural: attention heads (transformer)', integerAtLeast(1))
    .option('--resume', 'neural: continue the checkpoint in --out (model, optimizer, step and RNG state)')
    .action(async (options: TrainOptions) => {
      checkFlags(options, command);
      const out = options.out ?? `runs/${options.model}`;
      if (options.model === COUNT_BIGRAM) await runCountBigram(options, out, context);
      else await runNeural(options, out, context);
    });
}
