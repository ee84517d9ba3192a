import type { LanguageModel } from './language-model.js';

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
 * @example
 * ```ts
 * const [emma] = await scoreWords(model, ['emma']);
 * console.log(emma.logLikelihood, emma.terms.map((t) => t.probability));
 * ```
 */
export async function scoreWords(model: LanguageModel, words: readonly string[]): Promise<WordScore[]> {
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
 */
export async function averageNll(
  model: LanguageModel,
  items: readonly string[],
  batchSize = 1024,
): Promise<{ nll: number; tokens: number }> {
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
