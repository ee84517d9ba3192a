import { generate, noveltyReport } from '@makemore/sampling';
import type { Command } from 'commander';
import { UsageError } from '../errors.js';
import { knownSplit } from '../known-items.js';
import { loadModel } from '../load-model.js';
import { integerAtLeast, numberAbove, numberAtLeast, parseSeed } from '../options.js';
import { type CommandContext, writeJsonLine } from '../output.js';
import { DEFAULT_SEED } from './train.js';

interface SampleOptions {
  modelDir: string;
  n: number;
  seed: number;
  temperature: number;
  topK?: number;
  topP?: number;
  greedy?: boolean;
  prefix?: string;
  maxLength: number;
  onlyNew?: boolean;
  data?: string;
  json?: boolean;
}

// --only-new draws in rounds until it has enough new items; this bounds the rounds for a model that
// mostly reproduces its training data.
const MAX_ONLY_NEW_ROUNDS = 50;

async function runSample(options: SampleOptions, context: CommandContext): Promise<void> {
  if (options.topP !== undefined && options.topP > 1) throw new UsageError('--top-p must be at most 1.');
  const { config, model, split: recipe } = await loadModel(options.modelDir);
  const known = await knownSplit(config, recipe, options.data, context);
  if ('reason' in known) {
    if (options.onlyNew) throw new UsageError(`--only-new needs the training data, but ${known.reason}.`);
    context.stderr.write(`note: samples are not checked against the training data: ${known.reason}.\n`);
  }
  const split = 'split' in known ? known.split : {};
  const settings = {
    temperature: options.temperature,
    topK: options.topK,
    topP: options.topP,
    greedy: options.greedy,
    prefix: options.prefix,
    maxLength: options.maxLength,
  };
  let marked: ReturnType<typeof noveltyReport>['samples'] = [];
  if (options.onlyNew) {
    const kept = new Set<string>();
    for (let round = 0; round < MAX_ONLY_NEW_ROUNDS && kept.size < options.n; round++) {
      const drawn = await generate(model, {
        ...settings,
        count: options.n,
        seed: (options.seed + round) >>> 0,
      });
      for (const { sample, status } of noveltyReport(drawn, split).samples) {
        if (status === 'new' && kept.size < options.n) kept.add(sample);
      }
    }
    if (kept.size < options.n) {
      context.stderr.write(
        `note: found only ${kept.size} new items in ${MAX_ONLY_NEW_ROUNDS} rounds of sampling.\n`,
      );
    }
    marked = [...kept].map((sample) => ({ sample, status: 'new' as const }));
  } else {
    marked = noveltyReport(
      await generate(model, { ...settings, count: options.n, seed: options.seed }),
      split,
    ).samples;
  }
  const checked = 'split' in known;
  for (const { sample, status } of marked) {
    if (options.json) writeJsonLine(context.stdout, { sample, status: checked ? status : null });
    else context.stdout.write(checked && status !== 'new' ? `${sample}  (in ${status})\n` : `${sample}\n`);
  }
  if (!options.json && checked) {
    const fresh = marked.filter((m) => m.status === 'new').length;
    context.stderr.write(
      `${fresh} of ${marked.length} samples are new (not in the train, val or test items).\n`,
    );
  }
}

/**
 * Registers `makemore sample`: prints new items from a trained model, each marked as new or as found
 * in the train, val or test items, with temperature, top-k, top-p, greedy and prefix controls.
 *
 * @param program - the root command
 * @param context - streams and environment
 */
export function registerSample(program: Command, context: CommandContext): void {
  program
    .command('sample')
    .description('print new items sampled from a trained model')
    .requiredOption('--model-dir <dir>', 'a model directory written by `makemore train`')
    .option('-n, --n <count>', 'how many items to sample', integerAtLeast(1), 10)
    .option(
      '--seed <n>',
      'seed: the same seed gives the same samples on every machine',
      parseSeed,
      DEFAULT_SEED,
    )
    .option(
      '--temperature <t>',
      'softmax temperature: below 1 is safer, above 1 wilder, 0 is greedy',
      numberAtLeast(0),
      1,
    )
    .option('--top-k <k>', 'sample only from the k most likely next characters', integerAtLeast(1))
    .option(
      '--top-p <p>',
      'sample only from the most likely characters whose probability reaches p (0 < p <= 1)',
      numberAbove(0),
    )
    .option('--greedy', 'always take the most likely next character')
    .option('--prefix <text>', 'start every item with this text')
    .option('--max-length <n>', 'cut items at this many generated characters', integerAtLeast(1), 50)
    .option('--only-new', 'keep only items that are not in the training data, without repeats')
    .option('--data <name|file>', 'the training data, if it moved since training (for the novelty marks)')
    .option('--json', 'print one JSON object per sample: {"sample", "status"}')
    .action((options: SampleOptions) => runSample(options, context));
}
