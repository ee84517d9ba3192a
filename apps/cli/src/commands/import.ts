import type { Command } from 'commander';
import type { CommandContext } from '../output.js';
import { lazyAction } from './lazy-action.js';

/** The options of `makemore import`. */
export interface ImportOptions {
  from: string;
  config: string;
  out: string;
  force?: boolean;
  json?: boolean;
}

/**
 * Registers `makemore import`: turns weights trained elsewhere (the `out.safetensors` of an exported
 * PyTorch package) and the model's `config.json` into a model directory that `sample`, `score`,
 * `eval`, the library's `loadModel` and the playground load.
 *
 * @param program - the root command
 * @param context - streams and environment
 */
export function registerImport(program: Command, context: CommandContext): void {
  program
    .command('import')
    .description(
      'make a model directory of weights trained in PyTorch (the out.safetensors of `makemore export`)',
    )
    .requiredOption('--from <file>', 'the safetensors file to bring back, e.g. <package>/out.safetensors')
    .requiredOption(
      '--config <file>',
      "the model's config.json (the package's copy, or the original model directory's)",
    )
    .requiredOption('--out <dir>', 'model directory to write')
    .option('--force', 'replace the model already in --out instead of refusing')
    .option('--json', 'print one JSON object naming the model directory written')
    .action(lazyAction<ImportOptions>(async () => (await import('./import-run.js')).runImport, context));
}
