import { BigramCounts, BigramModel, heatmapSvg } from '@makemore/bigram';
import { Vocab } from '@makemore/data';
import { loadItems } from '../data-source.js';
import { type CommandContext, formatCount, formatTable, writeJsonLine } from '../output.js';
import { writeOutputFile } from '../write-file.js';
import type { BigramOptions } from './bigram.js';

/** Runs `makemore bigram` with parsed options. */
export async function runBigram(options: BigramOptions, context: CommandContext): Promise<void> {
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
    for (const { prev, next, count } of top)
      writeJsonLine(context.stdout, { event: 'bigram', prev, next, count });
    writeJsonLine(context.stdout, {
      event: 'summary',
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
