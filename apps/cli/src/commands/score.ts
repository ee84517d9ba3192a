import type { Command } from 'commander';
import type { CommandContext } from '../output.js';

/** The options of `makemore score`. */
export interface ScoreOptions {
  modelDir: string;
  detail?: boolean;
  json?: boolean;
}

/**
 * Registers `makemore score`: each word's log-likelihood under a model, optionally with the
 * per-character terms (the lecture's table of bigram probabilities). A word with characters the model
 * has never seen is reported and skipped; the others are still scored, and the exit code says some
 * failed.
 *
 * @param program - the root command
 * @param context - streams and environment
 */
export function registerScore(program: Command, context: CommandContext): void {
  program
    .command('score')
    .description('print the log-likelihood of each word under a trained model')
    .argument('<words...>', 'words to score')
    .requiredOption('--model-dir <dir>', 'a model directory written by `makemore train`')
    .option('--detail', 'also print the probability of every character, with the context the model reads')
    .option('--json', 'print one JSON object per word (a log-likelihood of -Infinity is null)')
    .action(async (words: string[], options: ScoreOptions) => {
      const { runScore } = await import('./score-run.js');
      await runScore(words, options, context);
    });
}
