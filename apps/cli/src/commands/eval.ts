import { averageNll } from '@makemore/sampling';
import type { Command } from 'commander';
import { addDataOptions, type DataOptions } from '../common-options.js';
import { loadItems } from '../data-source.js';
import { loadModel } from '../load-model.js';
import { type CommandContext, formatCount, writeJsonLine } from '../output.js';

interface EvalOptions extends DataOptions {
  modelDir: string;
  json?: boolean;
}

/**
 * Registers `makemore eval`: the average negative log-likelihood per token of a dataset under a model.
 *
 * @param program - the root command
 * @param context - streams and environment
 */
export function registerEval(program: Command, context: CommandContext): void {
  const command = program
    .command('eval')
    .description('print the average negative log-likelihood per token of a dataset under a trained model')
    .requiredOption('--model-dir <dir>', 'a model directory written by `makemore train`');
  addDataOptions(command, true)
    .option('--json', 'print one JSON object')
    .action(async (options: EvalOptions) => {
      const { model } = await loadModel(options.modelDir);
      const { items, source } = await loadItems(options.data, {
        ...options,
        env: context.env,
        progressStream: context.stderr,
      });
      const { nll, tokens } = await averageNll(model, items);
      if (options.json) writeJsonLine(context.stdout, { source, items: items.length, tokens, nll });
      else
        context.stdout.write(
          `${source}: average NLL ${nll.toFixed(4)} per token over ${formatCount(tokens)} tokens (${formatCount(items.length)} items)\n`,
        );
    });
}
