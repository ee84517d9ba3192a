import { describeCharacter } from './describe-character.js';
import { DataError } from './errors.js';

/**
 * Where the boundary tokens go.
 *
 * - `'shared'`: one boundary token at id 0 both starts and ends a word, characters at 1..n (the
 *   lecture's 27-token vocabulary on names.txt, and makemore's). As in makemore, the boundary is a
 *   token of its own, not a character: it is shown as `'.'`, or as `'<.>'` when the items themselves
 *   contain `'.'` (then an ordinary character).
 * - `'split'`: characters at 0..n-1, then `'<START>'` at n and `'<END>'` at n+1 (the lecture's first
 *   28×28 count table).
 */
export type VocabLayout = 'shared' | 'split';

/** Options of {@link Vocab.fromItems}. */
export interface VocabOptions {
  /** Where the boundary tokens go; default `'shared'`. */
  layout?: VocabLayout | undefined;
}

/** The serialized form of a {@link Vocab}, as written by {@link Vocab.toJSON}. */
export interface VocabJSON {
  /** The boundary layout. */
  layout: VocabLayout;
  /** The item characters in id order, one code point each, without boundary tokens. */
  chars: string[];
}

/** The name of the shared layout's boundary token, as the lectures print it. */
export const SHARED_BOUNDARY = '.';
/** Its name when `'.'` is a character of the items, so the two cannot be confused. */
export const SHARED_BOUNDARY_ESCAPED = '<.>';
/** The start token of the split layout. */
export const SPLIT_START = '<START>';
/** The end token of the split layout. */
export const SPLIT_END = '<END>';

const LAYOUTS: readonly VocabLayout[] = ['shared', 'split'];

/**
 * The character vocabulary of a dataset: maps each character (one Unicode code point) to a token id and
 * back, and places the word-boundary tokens according to a {@link VocabLayout}.
 *
 * Characters are sorted by code point, so the same items always give the same ids.
 *
 * @example
 * ```ts
 * const vocab = Vocab.fromItems(['emma', 'olivia', 'ava']);
 * vocab.itos.join('');                  // ".aeilmov"
 * vocab.encodeWithBoundaries('ava');    // [0, 1, 7, 1, 0]
 * vocab.decode([5, 1]);                 // "ma"
 * ```
 */
export class Vocab {
  /** The boundary layout. */
  readonly layout: VocabLayout;
  /** The item characters in id order, without boundary tokens. */
  readonly chars: readonly string[];
  /** Every token in id order: characters and boundary tokens ("index to string"). */
  readonly itos: readonly string[];
  /** Number of tokens, boundary tokens included. */
  readonly size: number;
  /** Id of the token that starts a word. */
  readonly startId: number;
  /** Id of the token that ends a word (equal to {@link Vocab.startId} in the shared layout). */
  readonly endId: number;
  readonly #ids: ReadonlyMap<string, number>;
  readonly #charSet: ReadonlySet<string>;

  private constructor(layout: VocabLayout, chars: readonly string[]) {
    this.layout = layout;
    this.chars = Object.freeze([...chars]);
    if (layout === 'shared') {
      const boundary = chars.includes(SHARED_BOUNDARY) ? SHARED_BOUNDARY_ESCAPED : SHARED_BOUNDARY;
      this.itos = Object.freeze([boundary, ...chars]);
      this.startId = 0;
      this.endId = 0;
    } else {
      this.itos = Object.freeze([...chars, SPLIT_START, SPLIT_END]);
      this.startId = chars.length;
      this.endId = chars.length + 1;
    }
    this.size = this.itos.length;
    this.#ids = new Map(this.itos.map((token, id) => [token, id]));
    this.#charSet = new Set(chars);
  }

  /**
   * Builds the vocabulary of a list of items: every distinct character, sorted by code point.
   *
   * @param items - the dataset, one item per entry.
   * @param options - see {@link VocabOptions}.
   * @throws {@link DataError} `BAD_ARGUMENT` if the layout is unknown.
   *
   * @example
   * ```ts
   * Vocab.fromItems(['emma', 'ava']).size;                     // 5: '.', 'a', 'e', 'm', 'v'
   * Vocab.fromItems(['emma', 'ava'], { layout: 'split' }).size; // 6: 'a', 'e', 'm', 'v', '<START>', '<END>'
   * ```
   */
  static fromItems(items: readonly string[], options: VocabOptions = {}): Vocab {
    const layout = options.layout ?? 'shared';
    checkLayout(layout);
    const set = new Set<string>();
    for (const item of items) {
      // for..of walks code points, so an astral character such as an emoji is one character.
      for (const char of item) set.add(char);
    }
    return new Vocab(layout, [...set].sort(compareCodePoints));
  }

  /**
   * Rebuilds a vocabulary from {@link Vocab.toJSON} output, checking its shape because it usually comes
   * from a file. The character order is kept as given, since saved model weights depend on it.
   *
   * @param json - a parsed {@link VocabJSON}.
   * @throws {@link DataError} `BAD_ARGUMENT` if the value is not a valid {@link VocabJSON}.
   */
  static fromJSON(json: unknown): Vocab {
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw badJson('it is not an object');
    }
    const { layout, chars } = json as Record<string, unknown>;
    if (typeof layout !== 'string' || !LAYOUTS.includes(layout as VocabLayout)) {
      throw badJson(`its layout is ${JSON.stringify(layout) ?? 'missing'}, not 'shared' or 'split'`);
    }
    if (!Array.isArray(chars)) throw badJson('its chars is not an array');
    const seen = new Set<string>();
    for (const [index, char] of chars.entries()) {
      if (typeof char !== 'string' || [...char].length !== 1) {
        throw badJson(`chars[${index}] is not a single character`);
      }
      if (seen.has(char)) throw badJson(`chars[${index}] repeats ${describeCharacter(char)}`);
      seen.add(char);
    }
    return new Vocab(layout as VocabLayout, chars as string[]);
  }

  /**
   * The id of a token: an item character, or a boundary token name (`'.'` or `'<.>'`, `'<START>'`,
   * `'<END>'`).
   *
   * @throws {@link DataError} `UNKNOWN_CHARACTER` if the token is not in the vocabulary.
   */
  stoi(token: string): number {
    const id = this.#ids.get(token);
    if (id === undefined) {
      const shown = [...token].length === 1 ? describeCharacter(token) : JSON.stringify(token);
      throw new DataError(
        'UNKNOWN_CHARACTER',
        `Unknown token ${shown}; it is not in the vocabulary of ${plural(this.size, 'token')}.`,
      );
    }
    return id;
  }

  /** Whether `char` is an item character of this vocabulary (boundary tokens are not). */
  has(char: string): boolean {
    return this.#charSet.has(char);
  }

  /**
   * The ids of the characters of `text`, without boundary tokens.
   *
   * @throws {@link DataError} `UNKNOWN_CHARACTER` naming the character, its position and the word.
   */
  encode(text: string): number[] {
    const ids: number[] = [];
    let position = 0;
    for (const char of text) {
      const id = this.#charSet.has(char) ? this.#ids.get(char) : undefined;
      if (id === undefined) {
        throw new DataError(
          'UNKNOWN_CHARACTER',
          `Unknown character ${describeCharacter(char)} at position ${position} of ${JSON.stringify(text)}; it is not in the vocabulary of ${plural(this.chars.length, 'character')}.`,
        );
      }
      ids.push(id);
      position += 1;
    }
    return ids;
  }

  /**
   * `[startId, ...encode(text), endId]`: a word as the models see it.
   *
   * @throws {@link DataError} `UNKNOWN_CHARACTER` as {@link Vocab.encode}.
   */
  encodeWithBoundaries(text: string): number[] {
    return [this.startId, ...this.encode(text), this.endId];
  }

  /**
   * The text of a sequence of ids; boundary tokens are skipped, so a sampled sequence decodes to the word.
   *
   * @throws {@link DataError} `BAD_ARGUMENT` if an id is not a token id of this vocabulary.
   */
  decode(ids: Iterable<number>): string {
    let text = '';
    for (const id of ids) {
      const token = this.tokenName(id);
      if (id !== this.startId && id !== this.endId) text += token;
    }
    return text;
  }

  /**
   * The printable name of a token id: the character, or `'.'` (`'<.>'` when `'.'` is a character),
   * `'<START>'`, `'<END>'`.
   *
   * @throws {@link DataError} `BAD_ARGUMENT` if `id` is not a token id of this vocabulary.
   */
  tokenName(id: number): string {
    const token = Number.isInteger(id) ? this.itos[id] : undefined;
    if (token === undefined) {
      throw new DataError(
        'BAD_ARGUMENT',
        `Token id ${id} is out of range; this vocabulary has ids 0 to ${this.size - 1}.`,
      );
    }
    return token;
  }

  /** The serializable form, for checkpoints; {@link Vocab.fromJSON} reads it back. */
  toJSON(): VocabJSON {
    return { layout: this.layout, chars: [...this.chars] };
  }
}

/** Orders strings by code point; the default sort orders by UTF-16 code unit, which differs above U+FFFF. */
function compareCodePoints(a: string, b: string): number {
  return a.codePointAt(0)! - b.codePointAt(0)!;
}

function checkLayout(layout: string): asserts layout is VocabLayout {
  if (!LAYOUTS.includes(layout as VocabLayout)) {
    throw new DataError(
      'BAD_ARGUMENT',
      `Unknown vocabulary layout ${JSON.stringify(layout)}; use 'shared' or 'split'.`,
    );
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function badJson(problem: string): DataError {
  return new DataError(
    'BAD_ARGUMENT',
    `The vocabulary JSON is invalid: ${problem}; pass the output of Vocab.toJSON() ({ layout, chars }).`,
  );
}
