import { drawSeed, generate, noveltyReport } from '@makemore/sampling';
import { UsageError } from '../errors.js';
import { knownSplit } from '../known-items.js';
import { loadModel } from '../load-model.js';
import { asTrained, listCharacters, unknownCharacters } from '../model-input.js';
import { type CommandContext, writeJsonLine } from '../output.js';
import type { SampleOptions } from './sample.js';

// --only-new draws in rounds until it has enough new items; this bounds the rounds for a model that
// mostly reproduces its training data.
const MAX_ONLY_NEW_ROUNDS = 50;

/**
 * Samples from the model in `--model-dir` and prints each sample with its novelty mark. Without
 * `--seed` a fresh seed is drawn and printed, so a run can be repeated.
 */
export async function runSample(options: SampleOptions, context: CommandContext): Promise<void> {
  if (options.topP !== undefined && options.topP > 1) throw new UsageError('--top-p must be at most 1.');
  const { config, model, split: recipe } = await loadModel(options.modelDir);
  const prefix = options.prefix === undefined ? undefined : asTrained(config, options.prefix);
  const unknown = prefix === undefined ? [] : unknownCharacters(model.vocab, prefix);
  if (unknown.length > 0) {
    throw new UsageError(
      `--prefix has ${unknown.length === 1 ? 'a character' : 'characters'} the model never saw in training: ${listCharacters(unknown)}.`,
    );
  }
  const seed = options.seed ?? drawSeed();
  if (!options.json && options.seed === undefined)
    context.stderr.write(`seed ${seed} (repeat with --seed ${seed})\n`);
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
    prefix,
    maxLength: options.maxLength,
  };
  let marked: ReturnType<typeof noveltyReport>['samples'] = [];
  if (options.onlyNew) {
    const kept = new Set<string>();
    for (let round = 0; round < MAX_ONLY_NEW_ROUNDS && kept.size < options.n; round++) {
      const drawn = await generate(model, {
        ...settings,
        count: options.n,
        seed: (seed + round) >>> 0,
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
    marked = noveltyReport(await generate(model, { ...settings, count: options.n, seed }), split).samples;
  }
  const checked = 'split' in known;
  for (const { sample, status } of marked) {
    if (options.json) writeJsonLine(context.stdout, { sample, status: checked ? status : null, seed });
    else context.stdout.write(checked && status !== 'new' ? `${sample}  (in ${status})\n` : `${sample}\n`);
  }
  if (!options.json && checked) {
    const fresh = marked.filter((m) => m.status === 'new').length;
    context.stderr.write(
      `${fresh} of ${marked.length} samples are new (not in the train, val or test items).\n`,
    );
  }
}
