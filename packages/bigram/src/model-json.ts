import { DataError, type VocabJSON } from '@makemore/data';

/** The serialized form of a {@link BigramModel}, as written by `toJSON`. */
export interface BigramModelJSON {
  /** Format version, so that a later change of format can be told apart. */
  version: 1;
  /** The vocabulary. */
  vocab: VocabJSON;
  /** The smoothing α added to every possible bigram count. */
  smoothing: number;
  /** The count table, row-major `(size, size)`. */
  counts: number[];
}

/** The checked fields of a {@link BigramModelJSON}; the vocabulary and counts are checked by their own readers. */
export function readModelJSON(json: unknown): { vocab: unknown; smoothing: number; counts: unknown[] } {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw badJson('it is not an object');
  const { version, vocab, smoothing, counts } = json as Record<string, unknown>;
  if (version !== 1) throw badJson(`its version is ${JSON.stringify(version) ?? 'missing'}, not 1`);
  if (typeof smoothing !== 'number') throw badJson('its smoothing is not a number');
  if (!Array.isArray(counts)) throw badJson('its counts is not an array');
  if (vocab === undefined) throw badJson('it has no vocab');
  return { vocab, smoothing, counts };
}

function badJson(problem: string): DataError {
  return new DataError(
    'BAD_ARGUMENT',
    `The bigram model JSON is invalid: ${problem}; pass the output of BigramModel.toJSON().`,
  );
}
