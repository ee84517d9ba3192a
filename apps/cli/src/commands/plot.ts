import type { Command } from 'commander';
import { integerAtLeast } from '../options.js';
import type { CommandContext } from '../output.js';
import { lazyAction } from './lazy-action.js';

/** The options of `makemore plot`. */
export interface PlotOptions {
  modelDir: string;
  out: string;
  step?: number;
  json?: boolean;
}

/**
 * Registers `makemore plot`: the loss curve (train and val) of a trained model, for 2-D embeddings
 * the lecture's labelled scatter of the characters' embeddings and, for a training run with
 * `--diagnostics`, the part-3 lecture's histograms, saturation map and update-to-data ratios, as SVG files.
 *
 * @param program - the root command
 * @param context - streams and environment
 */
export function registerPlot(program: Command, context: CommandContext): void {
  program
    .command('plot')
    .description(
      'write the loss curve, the 2-D embedding scatter and, after `train --diagnostics`, the activation and gradient histograms, saturation map and update-to-data ratios of a trained model as SVG',
    )
    .requiredOption('--model-dir <dir>', 'a model directory written by `makemore train`')
    .requiredOption('--out <dir>', 'folder to write the SVG files into (created if missing)')
    .option(
      '--step <n>',
      'the recorded step of diagnostics.json to draw the histograms and the saturation map at (default: the last)',
      integerAtLeast(0),
    )
    .option('--json', 'print one JSON object per file written')
    .action(lazyAction<PlotOptions>(async () => (await import('./plot-run.js')).runPlot, context));
}
