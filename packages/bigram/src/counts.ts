import { DataError, type Vocab } from '@makemore/data';
import { checkTokenId } from './check-id.js';

/** One entry of {@link BigramCounts.mostCommon}: a bigram by token names, and how often it occurs. */
export interface BigramCount {
  /** The name of the first token, e.g. `'.'` or `'<START>'` for the word start. */
  prev: string;
  /** The name of the token that follows it. */
  next: string;
  /** How many times the pair occurs. */
  count: number;
}

/**
 * The lecture's count table `N`: how often each token follows each other token over every word of a
 * dataset, boundaries included. `counts` is row-major `(size, size)` with row = previous token and
 * column = next token.
 *
 * @example
 * ```ts
 * const vocab = Vocab.fromItems(items);
 * const counts = BigramCounts.fromItems(items, vocab);
 * counts.get(vocab.stoi('a'), vocab.stoi('n')); // 5438 on names.txt
 * counts.mostCommon(3);                         // [{ prev: 'n', next: '.', count: 6763 }, …]
 * ```
 */
export class BigramCounts {
  /** The vocabulary the ids refer to. */
  readonly vocab: Vocab;
  /** `(size, size)`, row = previous token id, column = next token id. Treat it as read-only. */
  readonly counts: Int32Array;
  /** The number of bigrams counted: the sum of `counts`. */
  readonly total: number;

  private constructor(vocab: Vocab, counts: Int32Array) {
    this.vocab = vocab;
    this.counts = counts;
    let total = 0;
    for (const count of counts) total += count;
    this.total = total;
  }

  /**
   * Counts every bigram of every item, with the start token before and the end token after it: a word
   * of n characters gives n + 1 bigrams.
   *
   * @throws {@link @makemore/data!DataError | DataError} `UNKNOWN_CHARACTER` if an item has a character outside `vocab`.
   */
  static fromItems(items: readonly string[], vocab: Vocab): BigramCounts {
    const size = vocab.size;
    const counts = new Int32Array(size * size); // (size, size)
    for (const item of items) {
      const ids = vocab.encodeWithBoundaries(item);
      for (let t = 1; t < ids.length; t++) counts[ids[t - 1]! * size + ids[t]!]! += 1;
    }
    return new BigramCounts(vocab, counts);
  }

  /**
   * Wraps an existing count table, e.g. one read back from JSON, after checking it.
   *
   * @param vocab - the vocabulary the ids refer to.
   * @param counts - `vocab.size * vocab.size` non-negative integers, row-major; copied.
   * @throws {@link @makemore/data!DataError | DataError} `BAD_ARGUMENT` if the length or an entry is wrong.
   */
  static fromArray(vocab: Vocab, counts: ArrayLike<number>): BigramCounts {
    const expected = vocab.size * vocab.size;
    if (counts.length !== expected) {
      throw new DataError(
        'BAD_ARGUMENT',
        `The bigram counts have ${counts.length} entries but a vocabulary of ${vocab.size} tokens needs ${expected} (${vocab.size} × ${vocab.size}).`,
      );
    }
    const table = new Int32Array(expected);
    for (let i = 0; i < expected; i++) {
      const count = counts[i];
      if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > 0x7fff_ffff) {
        throw new DataError(
          'BAD_ARGUMENT',
          `Bigram count ${i} is ${JSON.stringify(count) ?? String(count)}, not an integer from 0 to 2147483647.`,
        );
      }
      table[i] = count;
    }
    return new BigramCounts(vocab, table);
  }

  /**
   * How often token `next` follows token `prev`.
   *
   * @throws {@link @makemore/data!DataError | DataError} `BAD_ARGUMENT` if an id is out of range.
   */
  get(prev: number, next: number): number {
    checkTokenId(this.vocab, prev, 'previous');
    checkTokenId(this.vocab, next, 'next');
    return this.counts[prev * this.vocab.size + next]!;
  }

  /**
   * The `k` most frequent bigrams that occur at least once, most frequent first; ties are ordered by
   * previous then next token id, so the result is the same on every run.
   *
   * @param k - how many to return, an integer ≥ 0; default all.
   * @throws {@link @makemore/data!DataError | DataError} `BAD_ARGUMENT` if `k` is not an integer ≥ 0.
   */
  mostCommon(k: number = Number.POSITIVE_INFINITY): BigramCount[] {
    if (!(Number.isInteger(k) || k === Number.POSITIVE_INFINITY) || k < 0) {
      throw new DataError(
        'BAD_ARGUMENT',
        `The number of bigrams to list must be an integer of at least 0, not ${k}.`,
      );
    }
    const indices: number[] = [];
    for (let i = 0; i < this.counts.length; i++) if (this.counts[i]! > 0) indices.push(i);
    // Row-major index order is (prev id, next id) order, so it breaks ties as documented.
    indices.sort((a, b) => this.counts[b]! - this.counts[a]! || a - b);
    const size = this.vocab.size;
    return indices.slice(0, k).map((index) => ({
      prev: this.vocab.tokenName(Math.floor(index / size)),
      next: this.vocab.tokenName(index % size),
      count: this.counts[index]!,
    }));
  }
}
