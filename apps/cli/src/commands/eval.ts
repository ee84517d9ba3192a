import { type Command, Option } from 'commander';
import type { CommandContext } from '../output.js';
import { lazyAction } from './lazy-action.js';

/** The options of `makemore eval`. */
export interface EvalOptions {
  modelDir: string;
  data?: string;
  lowercase?: boolean;
  split?: 'train' | 'val' | 'test' | 'all';
  strict?: boolean;
  json?: boolean;
}

/**
 * Registers `makemore eval`: the average negative log-likelihood per token of a dataset under a
 * model: a file or built-in dataset, or a split of the data the model was trained on.
 *
 * @param program - the root command
 * @param context - streams and environment
 */
export function registerEval(program: Command, context: CommandContext): void {
  program
    .command('eval')
    .description('print the average negative log-likelihood per token of a dataset under a trained model')
    .requiredOption('--model-dir <dir>', 'a model directory written by `makemore train`')
    .option(
      '--data <name|file>',
      'a built-in dataset name or a text file with one item per line (default: the data the model was trained on)',
    )
    .option(
      '--lowercase',
      'lower-case every item of --data before use (a model trained with --lowercase does this itself)',
    )
    .addOption(
      new Option(
        '--split <part>',
        'without --data: which part of the training data (default: test, or all for a model trained without held-out items)',
      ).choices(['train', 'val', 'test', 'all']),
    )
    .option('--strict', 'fail on items with characters the model never saw, instead of skipping them')
    .option('--json', 'print one JSON object')
    .action(lazyAction<EvalOptions>(async () => (await import('./eval-run.js')).runEval, context));
}
