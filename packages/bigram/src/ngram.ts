import { DataError, type Vocab } from '@makemore/data';
import { checkTokenId } from './check-id.js';

/** Options of {@link NGramModel.fromItems}. */
export interface NGramOptions {
  /** Tokens per n-gram: 2 is the bigram, 3 the trigram of the lecture's exercise, and so on. */
  n: number;
  /** Add-α smoothing of every count (default 1). */
  smoothing?: number | undefined;
}

/** The count tables of an {@link NGramModel}, as they are saved. */
export interface NGramTables {
  /** The `n - 1` token ids of each context seen in training, row-major `(K, n - 1)`. */
  contexts: Int32Array;
  /** How often each token followed each context, row-major `(K, vocab.size)`. */
  counts: Int32Array;
}

/** The largest `n` accepted: beyond it almost every context of a word list is seen once. */
export const MAX_NGRAM_ORDER = 8;

/**
 * The count-based n-gram character model, the lecture's exercise beyond the bigram: the next token's
 * probability given the `n - 1` tokens before it, from counts over the training items with add-α
 * smoothing. Contexts at the start of a word are padded with the start token, as the MLP's windows
 * are. There is no backoff: a context never seen in training has no counts to normalise, and gets the
 * uniform distribution. With `n = 2` it gives the same probabilities as {@link BigramModel}.
 *
 * Only contexts that occur are stored, so memory grows with the data, not with `vocab.size ** n`.
 *
 * @example
 * ```ts
 * const trigram = NGramModel.fromItems(names, vocab, { n: 3, smoothing: 1 });
 * const [emma] = await scoreWords(trigram, ['emma']); // @makemore/sampling
 * ```
 */
export class NGramModel {
  /** The vocabulary. */
  readonly vocab: Vocab;
  /** Tokens per n-gram. */
  readonly n: number;
  /** Add-α smoothing. */
  readonly smoothing: number;
  /** Context key → row of counts. */
  readonly #rows: ReadonlyMap<string, Int32Array>;

  private constructor(vocab: Vocab, n: number, smoothing: number, rows: Map<string, Int32Array>) {
    this.vocab = vocab;
    this.n = n;
    this.smoothing = smoothing;
    this.#rows = rows;
  }

  /**
   * Counts the n-grams of the items.
   *
   * @throws {@link @makemore/data!DataError | DataError} `BAD_ARGUMENT` for an `n` outside 2 to
   *   {@link MAX_NGRAM_ORDER} or a negative smoothing; `UNKNOWN_CHARACTER` for a character outside the vocabulary
   */
  static fromItems(items: readonly string[], vocab: Vocab, options: NGramOptions): NGramModel {
    const { n, smoothing } = checkOptions(options);
    const rows = new Map<string, Int32Array>();
    for (const item of items) {
      const ids = [...Array(n - 2).fill(vocab.startId), ...vocab.encodeWithBoundaries(item)];
      for (let t = n - 1; t < ids.length; t++) {
        const key = ids.slice(t - n + 1, t).join(',');
        let row = rows.get(key);
        if (row === undefined) {
          row = new Int32Array(vocab.size);
          rows.set(key, row);
        }
        row[ids[t]!]!++;
      }
    }
    return new NGramModel(vocab, n, smoothing, rows);
  }

  /**
   * Rebuilds a model from {@link NGramModel.tables}, as read from a model directory.
   *
   * @throws {@link @makemore/data!DataError | DataError} `BAD_ARGUMENT` when the tables do not fit
   *   the vocabulary and `n`
   */
  static fromTables(vocab: Vocab, tables: NGramTables, options: NGramOptions): NGramModel {
    const { n, smoothing } = checkOptions(options);
    const width = n - 1;
    const rowCount = tables.contexts.length / width;
    if (!Number.isInteger(rowCount) || tables.counts.length !== rowCount * vocab.size) {
      throw new DataError(
        'BAD_ARGUMENT',
        `The n-gram tables do not fit: ${tables.contexts.length} context ids for n = ${n} and ${tables.counts.length} counts for ${vocab.size} tokens.`,
      );
    }
    const rows = new Map<string, Int32Array>();
    for (let k = 0; k < rowCount; k++) {
      const context = tables.contexts.subarray(k * width, (k + 1) * width);
      for (const id of context) checkTokenId(vocab, id, 'context');
      rows.set(context.join(','), tables.counts.slice(k * vocab.size, (k + 1) * vocab.size));
    }
    return new NGramModel(vocab, n, smoothing, rows);
  }

  /** Contexts seen in training. */
  get contextCount(): number {
    return this.#rows.size;
  }

  /** The count tables, for saving (contexts in the order they were first seen). */
  tables(): NGramTables {
    const width = this.n - 1;
    const contexts = new Int32Array(this.#rows.size * width);
    const counts = new Int32Array(this.#rows.size * this.vocab.size);
    let k = 0;
    for (const [key, row] of this.#rows) {
      contexts.set(key.split(',').map(Number), k * width);
      counts.set(row, k * this.vocab.size);
      k++;
    }
    return { contexts, counts };
  }

  /**
   * Log-probabilities of the next token after each sequence, from its last `n - 1` tokens (padded
   * with the start token): the `LanguageModel` interface of `@makemore/sampling`.
   *
   * @param sequences - token ids, each starting with the start token
   * @returns row-major `(sequences.length, vocab.size)` natural-log probabilities
   * @throws {@link @makemore/data!DataError | DataError} `BAD_ARGUMENT` for an empty sequence or an id out of range
   */
  nextTokenLogProbs(sequences: readonly (readonly number[])[]): Float64Array {
    const size = this.vocab.size;
    const out = new Float64Array(sequences.length * size);
    sequences.forEach((sequence, r) => {
      if (sequence.length === 0)
        throw new DataError('BAD_ARGUMENT', 'A sequence must hold at least the start token.');
      for (const id of sequence) checkTokenId(this.vocab, id, 'sequence');
      const padded = [
        ...Array(Math.max(0, this.n - 1 - sequence.length)).fill(this.vocab.startId),
        ...sequence,
      ];
      const row = this.#rows.get(padded.slice(-(this.n - 1)).join(','));
      if (row === undefined) {
        out.fill(-Math.log(size), r * size, (r + 1) * size);
        return;
      }
      let total = 0;
      for (const count of row) total += count;
      const denominator = Math.log(total + this.smoothing * size);
      for (let next = 0; next < size; next++)
        out[r * size + next] = Math.log(row[next]! + this.smoothing) - denominator;
    });
    return out;
  }
}

function checkOptions(options: NGramOptions): { n: number; smoothing: number } {
  const { n } = options;
  const smoothing = options.smoothing ?? 1;
  if (!Number.isInteger(n) || n < 2 || n > MAX_NGRAM_ORDER) {
    throw new DataError(
      'BAD_ARGUMENT',
      `The n-gram order must be a whole number from 2 to ${MAX_NGRAM_ORDER}, got ${n}.`,
    );
  }
  if (!(Number.isFinite(smoothing) && smoothing >= 0)) {
    throw new DataError('BAD_ARGUMENT', `The smoothing must be a non-negative number, got ${smoothing}.`);
  }
  return { n, smoothing };
}
