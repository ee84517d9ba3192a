import type { Command } from 'commander';
import { integerAtLeast, numberAbove, numberAtLeast, parseSeed } from '../options.js';
import type { CommandContext } from '../output.js';
import { lazyAction } from './lazy-action.js';

/** The options of `makemore sample`. */
export interface SampleOptions {
  modelDir: string;
  n: number;
  seed?: number;
  temperature: number;
  topK?: number;
  topP?: number;
  greedy?: boolean;
  prefix?: string;
  maxLength: number;
  onlyNew?: boolean;
  data?: string;
  json?: boolean;
}

/**
 * Registers `makemore sample`: prints new items from a trained model, each marked as new or as found
 * in the train, val or test items, with temperature, top-k, top-p, greedy and prefix controls.
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
      'seed: the same seed gives the same samples on every machine (default: a fresh one, printed)',
      parseSeed,
    )
    .option(
      '--temperature <t>',
      'softmax temperature: below 1 is safer, above 1 wilder, 0 is greedy',
      numberAtLeast(0),
      1,
    )
    .option('--top-k <k>', 'sample only from the k most likely next characters', integerAtLeast(1))
    .option(
      '--top-p <p>',
      'sample only from the most likely characters whose probability reaches p (0 < p <= 1)',
      numberAbove(0),
    )
    .option('--greedy', 'always take the most likely next character')
    .option('--prefix <text>', 'start every item with this text')
    .option('--max-length <n>', 'cut items at this many generated characters', integerAtLeast(1), 50)
    .option('--only-new', 'keep only items that are not in the training data, without repeats')
    .option('--data <name|file>', 'the training data, if it moved since training (for the novelty marks)')
    .option('--json', 'print one JSON object per sample: {"sample", "status", "seed"}')
    .action(lazyAction<SampleOptions>(async () => (await import('./sample-run.js')).runSample, context));
}
