import type { Vocab } from '@makemore/data';

/** Row-major (B × V) values: one row of the vocabulary's size per sequence. */
export type TokenRows = Float32Array | Float64Array;

/**
 * The one interface sampling, scoring and evaluation need from a model: the distribution of the next
 * token after each of a batch of sequences. The count bigram and every neural model implement it, so
 * nothing here cares which model it holds.
 *
 * Each sequence starts with `vocab.startId` followed by the tokens so far; a model reads as much of
 * the end of it as its context allows (one token for a bigram, `blockSize` for an MLP).
 */
export interface LanguageModel {
  /** The model's vocabulary. */
  readonly vocab: Vocab;
  /**
   * Natural-log probabilities of the next token, normalised per row; `-Infinity` where a token is
   * impossible. May be asynchronous, as readback from a GPU is in the browser.
   *
   * @param sequences - B sequences, each starting with `vocab.startId`
   * @returns B × `vocab.size` values, row-major
   */
  nextTokenLogProbs(sequences: readonly (readonly number[])[]): TokenRows | Promise<TokenRows>;
}
