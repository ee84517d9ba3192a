import type { LanguageModel } from './language-model.js';
import { SamplingError } from './sampling-error.js';

/**
 * Refuses a single word where an array belongs: from plain JavaScript a string would otherwise be
 * scored character by character (`.map` is missing on strings, so it fails as a TypeError instead).
 */
function checkWords(words: unknown, fn: string): asserts words is readonly string[] {
  if (Array.isArray(words)) return;
  const example = typeof words === 'string' ? JSON.stringify([words]).replaceAll('"', "'") : "['emma']";
  const got = typeof words === 'string' ? `one string ('${words}')` : words === null ? 'null' : typeof words;
  throw new SamplingError(
    'BAD_ARGUMENT',
    `${fn} takes an array of words, not ${got}; e.g. ${fn}(model, ${example}).`,
  );
}

/** One predicted token of a scored word: what came before, what came next, and how likely it was. */
export interface ScoreTerm {
  /** The tokens before it, as text (the start token shown by its name). */
  context: string;
  /** The predicted token's name (a character, or the end token's name). */
  next: string;
  /** Its probability under the model. */
  probability: number;
  /** Its natural-log probability; -Infinity when the model gives it probability 0. */
  logProbability: number;
}

/** A word's log-likelihood, with one term per predicted token (the lecture's per-bigram table). */
export interface WordScore {
  /** The word as given. */
  word: string;
  /** Sum of the terms' log-probabilities. */
  logLikelihood: number;
  /** Predicted tokens in order: each character, then the end token. */
  terms: ScoreTerm[];
}

/**
 * Scores words: the log-probability the model gives each of their characters and the end token.
 *
 * @param model - any language model
 * @param words - the words; an unknown character is a DataError naming it
 * @returns one score per word
 * @throws {@link SamplingError} `BAD_ARGUMENT` when `words` is not an array (one word must be `[word]`)
 * @example
 * ```ts
 * const [emma] = await scoreWords(model, ['emma']);
 * console.log(emma.logLikelihood, emma.terms.map((t) => t.probability));
 * ```
 */
export async function scoreWords(model: LanguageModel, words: readonly string[]): Promise<WordScore[]> {
  checkWords(words, 'scoreWords');
  const { vocab } = model;
  const encoded = words.map((word) => vocab.encodeWithBoundaries(word));
  const prefixes: number[][] = [];
  for (const ids of encoded) for (let t = 1; t < ids.length; t++) prefixes.push(ids.slice(0, t));
  const logProbs = prefixes.length > 0 ? await model.nextTokenLogProbs(prefixes) : new Float64Array();
  let row = 0;
  return words.map((word, w) => {
    const ids = encoded[w]!;
    const terms: ScoreTerm[] = [];
    for (let t = 1; t < ids.length; t++, row++) {
      const logProbability = logProbs[row * vocab.size + ids[t]!]!;
      terms.push({
        context: ids
          .slice(0, t)
          .map((id) => vocab.tokenName(id))
          .join(''),
        next: vocab.tokenName(ids[t]!),
        probability: Math.exp(logProbability),
        logProbability,
      });
    }
    return { word, logLikelihood: terms.reduce((sum, term) => sum + term.logProbability, 0), terms };
  });
}

/**
 * Average negative log-likelihood per predicted token over items (each item's characters and its
 * end token), the loss the lectures report. Items are scored in batches to bound memory.
 *
 * @param model - any language model
 * @param items - the items
 * @param batchSize - how many items go through the model at once
 * @returns the average NLL and the number of tokens it averages over
 * @throws {@link SamplingError} `BAD_ARGUMENT` when `items` is not an array, `BAD_OPTION` for a batch
 *   size that is not a positive whole number
 */
export async function averageNll(
  model: LanguageModel,
  items: readonly string[],
  batchSize = 1024,
): Promise<{ nll: number; tokens: number }> {
  checkWords(items, 'averageNll');
  // A batch size of 0 would never advance through the items.
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new SamplingError(
      'BAD_OPTION',
      `The batch size must be a whole number of at least 1, not ${batchSize}.`,
    );
  }
  let total = 0;
  let tokens = 0;
  for (let first = 0; first < items.length; first += batchSize) {
    for (const score of await scoreWords(model, items.slice(first, first + batchSize))) {
      total -= score.logLikelihood;
      tokens += score.terms.length;
    }
  }
  return { nll: tokens === 0 ? Number.NaN : total / tokens, tokens };
}
