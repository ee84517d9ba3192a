import { BigramCounts, BigramModel, heatmapSvg } from '@makemore/bigram';
import { Vocab, type VocabLayout } from '@makemore/data';
import type { Command } from 'commander';
import { addDataOptions, type DataOptions, layoutOption } from '../common-options.js';
import { loadItems } from '../data-source.js';
import { integerAtLeast, numberAtLeast } from '../options.js';
import { type CommandContext, formatCount, formatTable, writeJsonLine } from '../output.js';
import { writeOutputFile } from '../write-file.js';

interface BigramOptions extends DataOptions {
  top: number;
  smoothing: number;
  layout: VocabLayout;
  heatmap?: string;
  json?: boolean;
}

async function runBigram(options: BigramOptions, context: CommandContext): Promise<void> {
  const { items, source } = await loadItems(options.data, {
    ...options,
    env: context.env,
    progressStream: context.stderr,
  });
  const vocab = Vocab.fromItems(items, { layout: options.layout });
  const counts = BigramCounts.fromItems(items, vocab);
  const model = BigramModel.fromCounts(counts, options.smoothing);
  const { nll, tokens } = model.averageNll(items);
  const top = counts.mostCommon(options.top);
  if (options.heatmap !== undefined) await writeOutputFile(options.heatmap, heatmapSvg(counts));

  if (options.json) {
    for (const { prev, next, count } of top) writeJsonLine(context.stdout, { prev, next, count });
    writeJsonLine(context.stdout, {
      source,
      items: items.length,
      vocabSize: vocab.size,
      layout: vocab.layout,
      bigrams: counts.total,
      smoothing: options.smoothing,
      averageNll: nll,
      tokens,
      ...(options.heatmap === undefined ? {} : { heatmap: options.heatmap }),
    });
    return;
  }
  const out = context.stdout;
  out.write(
    `${source}: ${formatCount(items.length)} items, ${vocab.size} tokens (${vocab.layout} layout), ${formatCount(counts.total)} bigrams\n\n`,
  );
  out.write(
    `${formatTable([['prev', 'next', 'count'], ...top.map((b) => [b.prev, b.next, formatCount(b.count)])])}\n\n`,
  );
  out.write(
    `average NLL: ${nll.toFixed(4)} per token over ${formatCount(tokens)} tokens (smoothing ${options.smoothing})\n`,
  );
  if (options.heatmap !== undefined) out.write(`heatmap: ${options.heatmap}\n`);
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
    .action((options: BigramOptions) => runBigram(options, context));
}
