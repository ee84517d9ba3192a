import { scoreWords } from '@makemore/sampling';
import type { Command } from 'commander';
import { loadModel } from '../load-model.js';
import { type CommandContext, formatTable, writeJsonLine } from '../output.js';

interface ScoreOptions {
  modelDir: string;
  detail?: boolean;
  json?: boolean;
}

/**
 * Registers `makemore score`: each word's log-likelihood under a model, optionally with the
 * per-character terms (the lecture's table of bigram probabilities).
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
    .option('--detail', 'also print the probability of every character')
    .option('--json', 'print one JSON object per word (a log-likelihood of -Infinity is null)')
    .action(async (words: string[], options: ScoreOptions) => {
      const { model } = await loadModel(options.modelDir);
      // Score every word before printing any, so an unknown character fails the command cleanly.
      const scores = await scoreWords(model, words);
      for (const score of scores) {
        const tokens = score.terms.length;
        const nll = -score.logLikelihood / tokens;
        if (options.json) {
          writeJsonLine(context.stdout, {
            word: score.word,
            logLikelihood: score.logLikelihood,
            nll,
            tokens,
            ...(options.detail ? { terms: score.terms } : {}),
          });
          continue;
        }
        context.stdout.write(
          `${score.word}\tlog-likelihood ${score.logLikelihood.toFixed(4)}\tNLL ${nll.toFixed(4)} per token\n`,
        );
        if (options.detail) {
          // The context is everything before the character; a bigram model reads only its last token.
          const rows = score.terms.map((t) => [
            `  ${t.context}`,
            t.next,
            t.probability.toFixed(4),
            t.logProbability.toFixed(4),
          ]);
          context.stdout.write(`${formatTable([['  context', 'next', 'prob', 'logprob'], ...rows])}\n`);
        }
      }
    });
}
