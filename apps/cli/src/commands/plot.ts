import type { Command } from 'commander';
import type { CommandContext } from '../output.js';
import { lazyAction } from './lazy-action.js';

/** The options of `makemore plot`. */
export interface PlotOptions {
  modelDir: string;
  out: string;
  json?: boolean;
}

/**
 * Registers `makemore plot`: the loss curve (train and val) of a trained model and, for 2-D
 * embeddings, the lecture's labelled scatter of the characters' embeddings, as SVG files.
 *
 * @param program - the root command
 * @param context - streams and environment
 */
export function registerPlot(program: Command, context: CommandContext): void {
  program
    .command('plot')
    .description('write the loss curve and the 2-D embedding scatter of a trained model as SVG')
    .requiredOption('--model-dir <dir>', 'a model directory written by `makemore train`')
    .requiredOption('--out <dir>', 'folder to write the SVG files into (created if missing)')
    .option('--json', 'print one JSON object per file written')
    .action(lazyAction<PlotOptions>(async () => (await import('./plot-run.js')).runPlot, context));
}
