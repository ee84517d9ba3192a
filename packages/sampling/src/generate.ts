import { createRng, MAX_SEED } from '@makemore/data';
import { chooseToken, type TokenChoice } from './choose-token.js';
import { drawSeed } from './draw-seed.js';
import { itemSeed } from './item-seed.js';
import type { LanguageModel } from './language-model.js';
import { SamplingError } from './sampling-error.js';

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** How many items to generate. */
  count: number;
  /**
   * Seed of the sampler, an integer from 0 to 2³² − 1: the same seed gives the same items on every
   * machine, and item i is the same whatever the count (from i + 1 up) and the batch size, since each
   * item draws from its own stream. Default: a fresh seed (see {@link drawSeed}); draw one with
   * `drawSeed()` and pass it to be able to repeat the run.
   */
  seed?: number | undefined;
  /** Softmax temperature; 1 samples the model as it is, below 1 sharpens, 0 is greedy. Default 1. */
  temperature?: number | undefined;
  /** Keep only the k most likely next tokens at each step. */
  topK?: number | undefined;
  /** Nucleus sampling: keep the most likely tokens until their probability reaches p (0 < p ≤ 1). */
  topP?: number | undefined;
  /** Always take the most likely token (same as temperature 0). */
  greedy?: boolean | undefined;
  /** Most characters generated after the prefix; an item that reaches it is cut there. Default 50. */
  maxLength?: number | undefined;
  /** Every item starts with this text (e.g. 'ka' for names that start with "ka"). */
  prefix?: string | undefined;
  /** How many items advance together through the model; default all of them. */
  batchSize?: number | undefined;
}

function checkOptions(
  options: GenerateOptions,
): TokenChoice & { maxLength: number; batchSize: number; seed: number } {
  // Plain JavaScript can call generate(model) with no options; say what to pass, not a TypeError.
  if (typeof options !== 'object' || options === null) {
    throw new SamplingError(
      'BAD_ARGUMENT',
      'generate needs options with at least a count, e.g. generate(model, { count: 10, seed: 42 }) (the seed is optional).',
    );
  }
  const { count, temperature = 1, topK, topP, maxLength = 50, batchSize = Math.max(1, count) } = options;
  const fail = (what: string) => {
    throw new SamplingError('BAD_OPTION', what);
  };
  if (!Number.isSafeInteger(count) || count < 0)
    fail(`The number of items must be a whole number of at least 0, not ${count}.`);
  const seed = options.seed ?? drawSeed();
  if (!Number.isSafeInteger(seed) || seed < 0 || seed > MAX_SEED)
    fail(`The seed must be a whole number from 0 to ${MAX_SEED}, not ${seed}.`);
  if (!Number.isFinite(temperature) || temperature < 0)
    fail(`The temperature must be a number of at least 0, not ${temperature}.`);
  if (topK !== undefined && (!Number.isSafeInteger(topK) || topK < 1))
    fail(`top-k must be a whole number of at least 1, not ${topK}.`);
  if (topP !== undefined && !(topP > 0 && topP <= 1))
    fail(`top-p must be a number above 0 and at most 1, not ${topP}.`);
  if (!Number.isSafeInteger(maxLength) || maxLength < 1)
    fail(`The maximum length must be a whole number of at least 1, not ${maxLength}.`);
  if (!Number.isSafeInteger(batchSize) || batchSize < 1)
    fail(`The batch size must be a whole number of at least 1, not ${batchSize}.`);
  return { temperature: options.greedy ? 0 : temperature, topK, topP, maxLength, batchSize, seed };
}

/**
 * Generates new items from any {@link LanguageModel}: starting from the start token (and the
 * prefix), it draws one token at a time for a whole batch until each item draws the end token or
 * reaches `maxLength`. Item i draws from its own random stream, derived from the seed and i, so the
 * first k items of a seed are the same for any count of at least k and any batch size.
 *
 * @param model - the model
 * @param options - count, seed (a fresh one if omitted), temperature, filters, prefix
 * @returns the items, prefix included, in the order they were started
 * @throws {@link SamplingError} `BAD_OPTION` for an option out of range (the seed included), `BAD_ARGUMENT` for no options; DataError for a prefix character outside the vocab
 * @example
 * ```ts
 * const names = await generate(model, { count: 5, seed: 42, temperature: 0.8, prefix: 'ka' });
 * // The first 5 of 100 items for seed 42 are these same 5.
 * const more = await generate(model, { count: 100, seed: 42, temperature: 0.8, prefix: 'ka' });
 * ```
 */
export async function generate(model: LanguageModel, options: GenerateOptions): Promise<string[]> {
  const choice = checkOptions(options);
  const { vocab } = model;
  const prefixIds = vocab.encode(options.prefix ?? '');
  // In the split layout <START> is never a next token, even where smoothing gives it probability.
  const banned = new Set(vocab.startId === vocab.endId ? [] : [vocab.startId]);
  const items: string[] = [];
  for (let first = 0; first < options.count; first += choice.batchSize) {
    const batch = Math.min(choice.batchSize, options.count - first);
    const sequences = Array.from({ length: batch }, () => [vocab.startId, ...prefixIds]);
    const rngs = sequences.map((_, i) => createRng(itemSeed(choice.seed, first + i)));
    let active = sequences.map((_, i) => i);
    for (let step = 0; step < choice.maxLength && active.length > 0; step++) {
      const logProbs = await model.nextTokenLogProbs(active.map((i) => sequences[i]!));
      const stillActive: number[] = [];
      active.forEach((index, row) => {
        const token = chooseToken(logProbs, row, vocab.size, choice, banned, rngs[index]!);
        if (token === -1 || token === vocab.endId) return;
        sequences[index]!.push(token);
        stillActive.push(index);
      });
      active = stillActive;
    }
    for (const sequence of sequences) items.push(vocab.decode(sequence));
  }
  return items;
}
