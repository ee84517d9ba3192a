import { averageNll } from '@makemore/sampling';
import { loadItems } from '../data-source.js';
import { UsageError } from '../errors.js';
import { knownSplit } from '../known-items.js';
import { loadModel } from '../load-model.js';
import { asTrained, listCharacters, unknownCharacters } from '../model-input.js';
import { type CommandContext, countOf, formatCount, writeJsonLine } from '../output.js';
import type { EvalOptions } from './eval.js';

/** The items to evaluate and how to name them. */
interface EvalItems {
  items: string[];
  source: string;
  part: string | null;
}

async function itemsToEvaluate(
  options: EvalOptions,
  loaded: Awaited<ReturnType<typeof loadModel>>,
  context: CommandContext,
): Promise<EvalItems> {
  if (options.data !== undefined) {
    if (options.split !== undefined) {
      throw new UsageError(
        '--split picks a part of the training data; leave it out with --data, which is evaluated whole.',
      );
    }
    const { items, source } = await loadItems(options.data, {
      lowercase: options.lowercase ?? false,
      env: context.env,
      progressStream: context.stderr,
    });
    return { items: items.map((item) => asTrained(loaded.config, item)), source, part: null };
  }
  const known = await knownSplit(loaded.config, loaded.split, undefined, context);
  if ('reason' in known) {
    throw new UsageError(
      `The training data cannot be evaluated: ${known.reason}; give a dataset with --data.`,
    );
  }
  const { train, val, test } = known.split;
  const heldOut = val.length + test.length > 0;
  const part = options.split ?? (heldOut ? 'test' : 'all');
  const items = part === 'all' ? [...train, ...val, ...test] : known.split[part];
  if (items.length === 0) {
    throw new UsageError(`The model's ${part} split is empty; choose another with --split.`);
  }
  return { items, source: loaded.config.data.source, part };
}

/**
 * Evaluates the model on the items: items with characters outside its vocabulary are skipped (and
 * counted, with the characters named) unless `--strict` makes them an error.
 */
export async function runEval(options: EvalOptions, context: CommandContext): Promise<void> {
  const loaded = await loadModel(options.modelDir);
  const { items, source, part } = await itemsToEvaluate(options, loaded, context);
  const vocab = loaded.model.vocab;
  const unknown = new Set<string>();
  const scorable = items.filter((item) => {
    const chars = unknownCharacters(vocab, item);
    for (const char of chars) unknown.add(char);
    return chars.length === 0;
  });
  const skipped = items.length - scorable.length;
  if (skipped > 0) {
    const chars = listCharacters([...unknown]);
    if (options.strict) {
      throw new UsageError(
        `${countOf(skipped, 'item has', 'items have')} characters the model never saw (${chars}); leave out --strict to skip them.`,
      );
    }
    context.stderr.write(
      `note: skipped ${countOf(skipped, 'item')} with characters the model never saw (${chars}).\n`,
    );
  }
  if (scorable.length === 0) throw new UsageError(`No item of ${source} can be scored by this model.`);
  const { nll, tokens } = await averageNll(loaded.model, scorable);
  const name = part === null ? source : `${source} (${part})`;
  if (options.json) {
    writeJsonLine(context.stdout, {
      event: 'eval',
      source,
      split: part,
      items: scorable.length,
      skipped,
      tokens,
      nll,
    });
  } else {
    context.stdout.write(
      `${name}: average NLL ${nll.toFixed(4)} per token over ${formatCount(tokens)} tokens (${countOf(scorable.length, 'item')})\n`,
    );
  }
}
