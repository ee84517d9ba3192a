import { DataError } from './errors.js';

/** Options of {@link parseItems}. */
export interface ParseItemsOptions {
  /** Lower-case every item (with `toLowerCase`, so not locale-specific). Default `false`. */
  lowercase?: boolean | undefined;
  /** The longest item accepted, in characters; default {@link MAX_ITEM_LENGTH}. */
  maxItemLength?: number | undefined;
}

/**
 * Items are words, names or titles; a longer line is almost certainly a file in another format (a
 * minified JSON, a whole text on one line), and would make context-sized models absurdly large.
 */
export const MAX_ITEM_LENGTH = 1000;

// Counts characters without materialising them: a line can be hundreds of megabytes long.
function codePointCount(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is a single character.
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/** What {@link parseItems} found in a text. */
export interface ParsedItems {
  /** The non-empty, trimmed lines, in file order. */
  items: string[];
  /** Number of lines read; a trailing newline does not start a new line. */
  lines: number;
  /** Lines that were left out, by reason, so a caller can report them. */
  dropped: {
    /** Lines that were empty or only whitespace. */
    blank: number;
  };
}

/**
 * Splits a text into items, one per line, the way makemore reads its input file: LF or CRLF line ends,
 * each line trimmed, empty lines dropped (and counted).
 *
 * It does not throw on a text without items: call {@link requireItems} where an empty input is an error.
 *
 * @throws {@link DataError} `TOO_LONG` if a line is longer than `maxItemLength` characters.
 *
 * @param text - the file contents, e.g. from {@link decodeText}.
 * @param options - see {@link ParseItemsOptions}.
 *
 * @example
 * ```ts
 * const parsed = parseItems('Emma\r\nolivia\n\nava\n', { lowercase: true });
 * // parsed.items = ['emma', 'olivia', 'ava'], parsed.lines = 4, parsed.dropped.blank = 1
 * ```
 */
export function parseItems(text: string, options: ParseItemsOptions = {}): ParsedItems {
  const lowercase = options.lowercase ?? false;
  const maxItemLength = options.maxItemLength ?? MAX_ITEM_LENGTH;
  const items: string[] = [];
  let blank = 0;
  // A final newline ends the last line rather than starting an empty one, as `wc -l` and editors see it.
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  const lines = text === '' ? [] : body.split('\n');
  for (const [index, line] of lines.entries()) {
    const item = line.trim();
    // UTF-16 length bounds the character count from above, so the exact count is only needed past it.
    if (item.length > maxItemLength && codePointCount(item) > maxItemLength) {
      const length = codePointCount(item).toLocaleString('en-US');
      throw new DataError(
        'TOO_LONG',
        `Line ${index + 1} is ${length} characters long, but items can have at most ${maxItemLength.toLocaleString('en-US')}; give one word, name or title per line.`,
      );
    }
    if (item === '') {
      blank += 1;
      continue;
    }
    items.push(lowercase ? item.toLowerCase() : item);
  }
  return { items, lines: lines.length, dropped: { blank } };
}

/**
 * Returns the items of a parse, or throws if there are none, so that an empty file stops a command
 * with a clear message instead of producing an empty vocabulary.
 *
 * @param parsed - the result of {@link parseItems}.
 * @param sourceLabel - how to name the input in the message, e.g. a file path.
 * @throws {@link DataError} `EMPTY` if `parsed.items` is empty.
 */
export function requireItems(parsed: ParsedItems, sourceLabel: string): string[] {
  if (parsed.items.length === 0) {
    throw new DataError(
      'EMPTY',
      `${sourceLabel} has no items: every line is empty. Give a file with one item per line.`,
    );
  }
  return parsed.items;
}
