import type { DataSplit } from '@makemore/data';
import { loadEmbeddedDataset, parseItems, requireItems, splitItems } from '@makemore/data';

/** Where the playground's items come from. */
export type DataChoice = { kind: 'builtin' } | { kind: 'lines'; text: string };

/** The playground's training data. */
export interface PlaygroundData {
  /** Every item. */
  items: string[];
  /**
   * The source recorded in a downloaded model's config.json: the built-in dataset's name, which the
   * CLI can load again, or the file name the pasted lines would be saved as.
   */
  source: string;
  /** The seeded 80/10/10 split that `makemore train` makes with the same seed. */
  split: DataSplit;
}

/** The file name recorded for pasted lines; save them under it to let the CLI find them. */
export const PASTED_LINES_FILE = 'playground-lines.txt';

/**
 * Loads the chosen items and splits them as the CLI does (lower-cased only for pasted lines, since
 * the built-in dataset already is).
 *
 * @param choice - the built-in dataset or pasted text (one item per line)
 * @param seed - the split's seed
 * @returns items, source and split
 * @throws DataError when the pasted text has no items
 */
export function loadPlaygroundData(choice: DataChoice, seed: number): PlaygroundData {
  const items =
    choice.kind === 'builtin'
      ? loadEmbeddedDataset('first-names')
      : requireItems(parseItems(choice.text), 'the pasted text');
  const source = choice.kind === 'builtin' ? 'first-names' : PASTED_LINES_FILE;
  return { items, source, split: splitItems(items, { seed }) };
}
