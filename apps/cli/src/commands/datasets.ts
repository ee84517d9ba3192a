import { DEFAULT_DATASET, listDatasets } from '@makemore/data';
import type { Command } from 'commander';
import { type CommandContext, formatCount, formatTable, writeJsonLine } from '../output.js';

/**
 * Registers `makemore datasets`: lists the built-in datasets.
 *
 * @param program - the root command
 * @param context - streams and environment
 */
export function registerDatasets(program: Command, context: CommandContext): void {
  program
    .command('datasets')
    .description('list the built-in datasets that --data accepts by name')
    .option('--json', 'print one JSON object per dataset')
    .action((options: { json?: boolean }) => {
      const datasets = listDatasets();
      if (options.json) {
        for (const dataset of datasets)
          writeJsonLine(context.stdout, { ...dataset, default: dataset.name === DEFAULT_DATASET });
        return;
      }
      const rows = datasets.map((dataset) => [
        dataset.name + (dataset.name === DEFAULT_DATASET ? ' (default)' : ''),
        dataset.items === undefined ? '' : `${formatCount(dataset.items)} items`,
        dataset.remote ? 'downloaded once, then cached' : 'built in, offline',
        dataset.description,
      ]);
      context.stdout.write(`${formatTable(rows)}\n`);
    });
}
