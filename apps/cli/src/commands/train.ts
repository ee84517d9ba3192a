import { SPLIT_SCHEMES } from '@makemore/data';
import { type Command, Option } from 'commander';
import { addDataOptions, layoutOption } from '../common-options.js';
import { DEFAULT_NGRAM_ORDER } from '../count-model-names.js';
import { integerAtLeast, numberAtLeast, parseSeed } from '../options.js';
import type { CommandContext } from '../output.js';
import { type DocumentedEntry, flagOf, hyperparameterOptions, modelsHelp } from '../training/model-flags.js';
import { RECIPE_FLAGS } from '../training/recipe-flags.js';
import type { TrainOptions } from '../training/train-options.js';

/** makemore's default seed. */
export const DEFAULT_SEED = 3407;

/**
 * Registers `makemore train`: trains a model on a dataset's training split, reports train/val/test
 * loss, writes the model directory atomically (checkpoints on the way for neural models) and prints
 * a few samples. The training code loads only when the command runs, so `--help` stays quick.
 *
 * @param program - the root command
 * @param context - streams, environment and the interrupt signal
 * @param models - the registry's entries with their docs, loaded only when the command line names
 *   `train`: they give the hyperparameter flags and the model list of the help
 */
export function registerTrain(
  program: Command,
  context: CommandContext,
  models: readonly DocumentedEntry[] = [],
): void {
  const command = program
    .command('train')
    .description('train a model on a dataset and write it to a model directory')
    .addHelpText('after', models.length === 0 ? '' : `\nModels and their defaults:\n${modelsHelp(models)}\n`)
    .addOption(
      new Option(
        '--model <name>',
        'model type (see the list below; with --resume, the checkpoint’s)',
      ).default('bigram'),
    );
  addDataOptions(command)
    .option(
      '--max-length <n>',
      'drop items longer than this many characters (a stray long line sets the block size of rnn, gru and transformer)',
      integerAtLeast(1),
    )
    .option('--out <dir>', 'model directory to write (default: runs/<model>)')
    .option('--force', 'replace the model already in --out instead of refusing')
    .option(
      '--seed <n>',
      'seed of the data split, the initial weights, the batches and the samples',
      parseSeed,
      DEFAULT_SEED,
    )
    .option('--samples <n>', 'how many samples to print when done', integerAtLeast(0), 10)
    .addOption(
      new Option(
        '--split <scheme>',
        "how to split the data: none (every item trains: the bigram's default, as the lecture counts all of names.txt), fractions (80/10/10 of a seeded shuffle), lecture (the same cut of Python's random.shuffle: with --seed 42 the lecture's own sets), makemore (a test set of up to 1,000, no validation) or makemore-torch (the same cut of PyTorch's randperm: with --seed 3407 makemore.py's own sets); default: the model's recipe",
      ).choices(SPLIT_SCHEMES),
    )
    .option('--json', 'print one JSON event per line')
    .option('--quiet', 'no progress bar or progress lines')
    .option('--verbose', 'also say why the device was chosen')
    .option('--smoothing <alpha>', 'bigram, ngram: add-alpha smoothing of the counts', numberAtLeast(0), 1)
    .option(
      '--n <n>',
      `ngram: tokens per n-gram: 3 is the trigram (default ${DEFAULT_NGRAM_ORDER})`,
      integerAtLeast(2),
    )
    .addOption(layoutOption())
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
    );
  for (const { key, value, description, parse } of RECIPE_FLAGS) {
    command.option(`${flagOf(key)} ${value}`, `neural: ${description}`, parse);
  }
  command
    .option(
      '--eval-rows <n>',
      "neural: rows of each split read at the periodic evaluations (default: 1,000 for makemore's sequence models, as makemore.py; every row for the lecture's models); the final figures use every row",
      integerAtLeast(1),
    )
    .option(
      '--diagnostics',
      "neural: at each evaluation, record every layer's activation and gradient statistics (mean, std, tanh saturation, histograms) and each parameter's update-to-data ratio on that step's batch into diagnostics.json in the model directory (for makemore plot)",
    )
    .option(
      '--resume',
      'neural: continue the checkpoint in --out with its model, data and recipe; --steps, --lr, --lr-decay-at, --eval-every, --batch-size and --weight-decay may change',
    );
  // The hyperparameter flags come from the registry's schemas, one flag per hyperparameter.
  for (const option of hyperparameterOptions(models)) command.addOption(option);
  command.action(async (options: TrainOptions) => {
    const { runTrain } = await import('../training/run-train.js');
    await runTrain(options, command, context);
  });
}
