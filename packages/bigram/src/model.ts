import { createRng, DataError, sampleIndex, Vocab } from '@makemore/data';
import { checkTokenId } from './check-id.js';
import { BigramCounts } from './counts.js';
import { type BigramModelJSON, readModelJSON } from './model-json.js';

/** Options of {@link BigramModel.fit}. */
export interface BigramFitOptions {
  /** The α added to every possible bigram count ("model smoothing"); finite, ≥ 0; default 1. */
  smoothing?: number | undefined;
}

/** Options of {@link BigramModel.sample}. */
export interface BigramSampleOptions {
  /** Seed of the generator; the same seed gives the same words. See `createRng`. */
  seed: number;
  /** Longest word to produce, in characters: a word that has not ended by then is cut. Default 50. */
  maxLength?: number | undefined;
}

/** One bigram of a {@link BigramScore}: the probability of `next` after `prev`. */
export interface BigramScoreTerm {
  /** Name of the previous token. */
  prev: string;
  /** Name of the next token. */
  next: string;
  /** P(next | prev). */
  probability: number;
  /** ln P(next | prev); `-Infinity` for an unseen bigram without smoothing. */
  logProbability: number;
}

/**
 * How likely the model finds a word: the sum of the log-probabilities of its bigrams. `scoreWords` of
 * `@makemore/sampling` scores a word under any model, each term with its whole context instead of `prev`.
 */
export interface BigramScore {
  /** The word scored. */
  word: string;
  /** The natural log of the word's probability, boundaries included; `-Infinity` if impossible. */
  logLikelihood: number;
  /** Each bigram of the word, start token first. */
  terms: BigramScoreTerm[];
}

/** The result of {@link BigramModel.averageNll}. */
export interface AverageNll {
  /** The mean negative log-likelihood per bigram (the lecture's loss); `Infinity` if a bigram is impossible. */
  nll: number;
  /** The number of bigrams it averages over. */
  tokens: number;
}

const DEFAULT_MAX_LENGTH = 50;

/**
 * The count-based bigram language model of the first makemore lecture: P(next | prev) is the count of
 * the bigram plus α, normalised over the row.
 *
 * In the `'split'` vocabulary layout, α is not added where no bigram can ever be (into `<START>`, or
 * out of `<END>`), so that smoothing gives no probability to impossible words; both layouts then give
 * the same probabilities for every word. The `<END>` row stays all zero.
 *
 * @example
 * ```ts
 * const vocab = Vocab.fromItems(items);
 * const model = BigramModel.fit(items, vocab, { smoothing: 1 });
 * model.averageNll(items).nll;          // 2.4546 on names.txt
 * model.logLikelihood('andrej');        // { logLikelihood: …, terms: [...] }
 * model.sample(5, { seed: 2147483647 }); // five new names
 * ```
 */
export class BigramModel {
  /** The bigram counts the model was made from. */
  readonly counts: BigramCounts;
  /** The α added to every possible count. */
  readonly smoothing: number;
  /** The vocabulary. */
  readonly vocab: Vocab;
  readonly #probabilities: Float64Array; // (size, size)

  private constructor(counts: BigramCounts, smoothing: number) {
    if (typeof smoothing !== 'number' || !Number.isFinite(smoothing) || smoothing < 0) {
      throw new DataError(
        'BAD_ARGUMENT',
        `The smoothing must be a finite number of at least 0 (the lecture uses 1), not ${smoothing}.`,
      );
    }
    this.counts = counts;
    this.smoothing = smoothing;
    this.vocab = counts.vocab;
    this.#probabilities = normalise(counts, smoothing);
  }

  /**
   * Counts the bigrams of `items` and makes the model.
   *
   * @throws {@link @makemore/data!DataError | DataError} `BAD_ARGUMENT` for a bad smoothing, `UNKNOWN_CHARACTER` for a character
   *   outside `vocab`.
   */
  static fit(items: readonly string[], vocab: Vocab, options: BigramFitOptions = {}): BigramModel {
    return new BigramModel(BigramCounts.fromItems(items, vocab), options.smoothing ?? 1);
  }

  /**
   * Makes the model from counts already made, e.g. to compare smoothings without counting again.
   *
   * @throws {@link @makemore/data!DataError | DataError} `BAD_ARGUMENT` for a bad smoothing.
   */
  static fromCounts(counts: BigramCounts, smoothing = 1): BigramModel {
    return new BigramModel(counts, smoothing);
  }

  /**
   * Reads back the output of {@link BigramModel.toJSON}, checking every field since it usually comes
   * from a file.
   *
   * @throws {@link @makemore/data!DataError | DataError} `BAD_ARGUMENT` if the value is not a valid {@link BigramModelJSON}.
   */
  static fromJSON(json: unknown): BigramModel {
    const fields = readModelJSON(json);
    const vocab = Vocab.fromJSON(fields.vocab);
    return new BigramModel(BigramCounts.fromArray(vocab, fields.counts as number[]), fields.smoothing);
  }

  /** The full table P, row-major `(size, size)`: row = previous token, column = next token. A copy. */
  probabilities(): Float64Array {
    return this.#probabilities.slice();
  }

  /**
   * P(next | prev) for every next token: row `prevId` of {@link BigramModel.probabilities}. A copy.
   *
   * @throws {@link @makemore/data!DataError | DataError} `BAD_ARGUMENT` if `prevId` is out of range.
   */
  nextTokenProbabilities(prevId: number): Float64Array {
    checkTokenId(this.vocab, prevId, 'previous');
    const size = this.vocab.size;
    return this.#probabilities.slice(prevId * size, (prevId + 1) * size);
  }

  /**
   * Log-probabilities of the next token after each sequence: the log of the row of P for the
   * sequence's last token. This is the `LanguageModel` interface of `@makemore/sampling`, so the
   * count model generates, scores and evaluates through the same code as the neural models.
   *
   * @param sequences - token ids, each starting with the start token
   * @returns row-major `(sequences.length, size)` natural-log probabilities; `-Infinity` where P is 0
   * @throws {@link @makemore/data!DataError | DataError} `BAD_ARGUMENT` for an empty sequence or an id out of range.
   */
  nextTokenLogProbs(sequences: readonly (readonly number[])[]): Float64Array {
    const size = this.vocab.size;
    const out = new Float64Array(sequences.length * size);
    sequences.forEach((sequence, row) => {
      const prev = sequence[sequence.length - 1];
      if (prev === undefined)
        throw new DataError('BAD_ARGUMENT', 'A sequence must hold at least the start token.');
      checkTokenId(this.vocab, prev, 'previous');
      for (let next = 0; next < size; next++)
        out[row * size + next] = Math.log(this.#probabilities[prev * size + next]!);
    });
    return out;
  }

  /**
   * Scores one word: the probability of each of its bigrams, start and end tokens included, and the
   * sum of their logs.
   *
   * @throws {@link @makemore/data!DataError | DataError} `UNKNOWN_CHARACTER` if the word has a character outside the vocabulary.
   *
   * @example
   * ```ts
   * model.logLikelihood('jq').logLikelihood; // -Infinity on names.txt without smoothing
   * ```
   */
  logLikelihood(word: string): BigramScore {
    const ids = this.vocab.encodeWithBoundaries(word);
    const size = this.vocab.size;
    const terms: BigramScoreTerm[] = [];
    let logLikelihood = 0;
    for (let t = 1; t < ids.length; t++) {
      const prev = ids[t - 1]!;
      const next = ids[t]!;
      const probability = this.#probabilities[prev * size + next]!;
      const logProbability = Math.log(probability);
      logLikelihood += logProbability;
      terms.push({
        prev: this.vocab.tokenName(prev),
        next: this.vocab.tokenName(next),
        probability,
        logProbability,
      });
    }
    return { word, logLikelihood, terms };
  }

  /**
   * The mean negative log-likelihood per bigram over `items`: the lecture's measure of model quality.
   *
   * @throws {@link @makemore/data!DataError | DataError} `EMPTY` if `items` is empty, `UNKNOWN_CHARACTER` for a character outside
   *   the vocabulary.
   */
  averageNll(items: readonly string[]): AverageNll {
    if (items.length === 0) {
      throw new DataError('EMPTY', 'There are no items to evaluate the model on; give at least one item.');
    }
    const size = this.vocab.size;
    let logLikelihood = 0;
    let tokens = 0;
    for (const item of items) {
      const ids = this.vocab.encodeWithBoundaries(item);
      for (let t = 1; t < ids.length; t++) {
        logLikelihood += Math.log(this.#probabilities[ids[t - 1]! * size + ids[t]!]!);
        tokens += 1;
      }
    }
    return { nll: -logLikelihood / tokens, tokens };
  }

  /**
   * Generates words: from the start token, draws each next token from its row of P until the end token.
   * The same seed gives the same words on every machine.
   *
   * @param count - how many words, an integer ≥ 0.
   * @param options - see {@link BigramSampleOptions}.
   * @throws {@link @makemore/data!DataError | DataError} `BAD_ARGUMENT` for a bad count, seed or maxLength, or a model that has
   *   nothing to sample (no counts and no smoothing).
   */
  sample(count: number, options: BigramSampleOptions): string[] {
    if (!Number.isInteger(count) || count < 0) {
      throw new DataError(
        'BAD_ARGUMENT',
        `The number of samples must be an integer of at least 0, not ${count}.`,
      );
    }
    const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
    if (!Number.isInteger(maxLength) || maxLength < 1) {
      throw new DataError(
        'BAD_ARGUMENT',
        `The maximum length must be an integer of at least 1, not ${maxLength}.`,
      );
    }
    const rng = createRng(options.seed);
    const size = this.vocab.size;
    const { startId, endId } = this.vocab;
    const startRow = this.#probabilities.subarray(startId * size, (startId + 1) * size);
    if (!startRow.some((p) => p > 0)) {
      throw new DataError(
        'BAD_ARGUMENT',
        'The model cannot start a word: it was fitted on no items and has no smoothing; fit it on at least one item.',
      );
    }
    const words: string[] = [];
    for (let n = 0; n < count; n++) {
      let word = '';
      let prev = startId;
      for (let length = 0; length < maxLength; length++) {
        const next = sampleIndex(this.#probabilities, rng, prev * size, size);
        // -1: a row with no probability at all (a character never seen before anything, without smoothing).
        if (next === -1 || next === endId) break;
        word += this.vocab.itos[next]!;
        prev = next;
      }
      words.push(word);
    }
    return words;
  }

  /** The serializable form: vocabulary, smoothing and counts; {@link BigramModel.fromJSON} reads it back. */
  toJSON(): BigramModelJSON {
    return {
      version: 1,
      vocab: this.vocab.toJSON(),
      smoothing: this.smoothing,
      counts: Array.from(this.counts.counts),
    };
  }
}

/** P[i, j] = (N[i, j] + α) / Σ_k (N[i, k] + α) over the possible bigrams; a row that sums to 0 stays 0. */
function normalise(counts: BigramCounts, smoothing: number): Float64Array {
  const { vocab } = counts;
  const size = vocab.size;
  const split = vocab.startId !== vocab.endId;
  const probabilities = new Float64Array(size * size); // (size, size)
  for (let prev = 0; prev < size; prev++) {
    const row = prev * size;
    let total = 0;
    for (let next = 0; next < size; next++) {
      const possible = !split || (next !== vocab.startId && prev !== vocab.endId);
      const value = counts.counts[row + next]! + (possible ? smoothing : 0);
      probabilities[row + next] = value;
      total += value;
    }
    if (total === 0) continue;
    for (let next = 0; next < size; next++) probabilities[row + next]! /= total;
  }
  return probabilities;
}
