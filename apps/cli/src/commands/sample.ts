import type { Command } from 'commander';
import { loadModelDirectory } from '../load-model.js';
import { integerAtLeast, parseSeed } from '../options.js';
import { type CommandContext, writeJsonLine } from '../output.js';
import { DEFAULT_SEED } from './train.js';

interface SampleOptions {
  modelDir: string;
  n: number;
  seed: number;
  json?: boolean;
}

/**
 * Registers `makemore sample`: prints new items from a trained model.
 *
 * @param program - the root command
 * @param context - streams and environment
 */
export function registerSample(program: Command, context: CommandContext): void {
  program
    .command('sample')
    .description('print new items sampled from a trained model')
    .requiredOption('--model-dir <dir>', 'a model directory written by `makemore train`')
    .option('-n, --n <count>', 'how many items to sample', integerAtLeast(1), 10)
    .option(
      '--seed <n>',
      'seed: the same seed gives the same samples on every machine',
      parseSeed,
      DEFAULT_SEED,
    )
    .option('--json', 'print one JSON object per line')
    .action(async (options: SampleOptions) => {
      const { model } = await loadModelDirectory(options.modelDir);
      for (const sample of model.sample(options.n, { seed: options.seed })) {
        if (options.json) writeJsonLine(context.stdout, { sample });
        else context.stdout.write(`${sample}\n`);
      }
    });
}
