import type { DataSplit, SplitScheme } from '@makemore/data';
import { decodeText, loadEmbeddedDataset, parseItems, requireItems, splitItems } from '@makemore/data';

/**
 * Where the playground's items come from: the built-in dataset, pasted lines, or an uploaded file
 * (its raw bytes, decoded here so a binary or non-UTF-8 file gets @makemore/data's clear error).
 */
export type DataChoice =
  | { kind: 'builtin' }
  | { kind: 'lines'; text: string }
  | { kind: 'file'; name: string; bytes: Uint8Array };

/** The playground's items and the source a downloaded model's config.json records for them. */
export interface PlaygroundItems {
  /** Every item. */
  items: string[];
  /**
   * The source recorded in a downloaded model's config.json: the built-in dataset's name, which the
   * CLI can load again, the uploaded file's name, or the file name the pasted lines would be saved as.
   */
  source: string;
}

/** The playground's training data. */
export interface PlaygroundData extends PlaygroundItems {
  /** The seeded split that `makemore train` makes with the same seed and scheme (80/10/10 by default). */
  split: DataSplit;
}

/** The file name recorded for pasted lines; save them under it to let the CLI find them. */
export const PASTED_LINES_FILE = 'playground-lines.txt';

/**
 * Loads the chosen items as the CLI reads a data file: one item per line, trimmed, blank lines
 * dropped, not lower-cased (so the CLI, reading the same file without `--lowercase`, finds the same
 * items and fingerprint).
 *
 * @param choice - the built-in dataset, pasted text or an uploaded file
 * @returns items and source
 * @throws DataError when the text has no items, a line is too long, or the file is binary or not UTF-8
 */
export function loadPlaygroundItems(choice: DataChoice): PlaygroundItems {
  switch (choice.kind) {
    case 'builtin':
      return { items: loadEmbeddedDataset('first-names'), source: 'first-names' };
    case 'lines':
      return { items: requireItems(parseItems(choice.text), 'The pasted text'), source: PASTED_LINES_FILE };
    case 'file':
      return {
        items: requireItems(parseItems(decodeText(choice.bytes)), choice.name),
        source: choice.name,
      };
  }
}

/**
 * Loads the chosen items (see {@link loadPlaygroundItems}) and splits them as the CLI does.
 *
 * @param choice - the built-in dataset, pasted text or an uploaded file
 * @param seed - the split's seed
 * @param scheme - how to split (default: @makemore/data's default, 80/10/10 fractions)
 * @returns items, source and split
 * @throws DataError when the text has no items, or the file is binary or not UTF-8
 */
export function loadPlaygroundData(choice: DataChoice, seed: number, scheme?: SplitScheme): PlaygroundData {
  const { items, source } = loadPlaygroundItems(choice);
  return { items, source, split: splitItems(items, scheme === undefined ? { seed } : { seed, scheme }) };
}
