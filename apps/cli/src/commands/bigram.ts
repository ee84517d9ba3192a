import type { VocabLayout } from '@makemore/data';
import type { Command } from 'commander';
import { addDataOptions, type DataOptions, layoutOption } from '../common-options.js';
import { integerAtLeast, numberAtLeast } from '../options.js';
import type { CommandContext } from '../output.js';
import { lazyAction } from './lazy-action.js';

/** The options of `makemore bigram`. */
export interface BigramOptions extends DataOptions {
  top: number;
  smoothing: number;
  layout: VocabLayout;
  heatmap?: string;
  json?: boolean;
}

/**
 * Registers `makemore bigram`: the first half of the lecture on a dataset — the most common
 * bigrams, the average negative log-likelihood, and optionally the count grid as an SVG heatmap.
 *
 * @param program - the root command
 * @param context - streams and environment
 */
export function registerBigram(program: Command, context: CommandContext): void {
  addDataOptions(
    program
      .command('bigram')
      .description('count bigrams in a dataset and print the most common ones and the average NLL'),
  )
    .option('--top <n>', 'how many of the most common bigrams to print', integerAtLeast(0), 10)
    .option(
      '--smoothing <alpha>',
      'add-alpha smoothing of the counts (0 allows zero probabilities)',
      numberAtLeast(0),
      1,
    )
    .addOption(layoutOption())
    .option('--heatmap <file.svg>', 'also write the count table as an SVG heatmap')
    .option('--json', 'print one JSON object per line')
    .action(lazyAction<BigramOptions>(async () => (await import('./bigram-run.js')).runBigram, context));
}
