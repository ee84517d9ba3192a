import { DataError } from './errors.js';
import type { Vocab } from './vocab.js';

/** The training examples of a next-character model, as built by {@link buildContexts}. */
export interface Contexts {
  /** The contexts, row-major `(count, blockSize)`: row `i` is the `blockSize` ids before target `i`. */
  X: Int32Array;
  /** The targets, `(count)`: the id that follows each context. */
  Y: Int32Array;
  /** Number of examples. */
  count: number;
  /** Context length. */
  blockSize: number;
}

/**
 * Builds the (context → next character) examples of the lecture's `build_dataset`: for each item the
 * context starts as `blockSize` start tokens; for every character of the item and then the end token,
 * it emits (context, id) and slides the context one step.
 *
 * On names.txt with `blockSize` 3 this gives 228,146 examples.
 *
 * @param items - the words.
 * @param vocab - the vocabulary the ids come from.
 * @param blockSize - how many previous tokens a context holds, an integer ≥ 1.
 * @throws {@link DataError} `BAD_ARGUMENT` for a bad `blockSize`, `UNKNOWN_CHARACTER` for a character
 *   missing from `vocab`.
 *
 * @example
 * ```ts
 * const vocab = Vocab.fromItems(['emma']);
 * const { X, Y, count } = buildContexts(['emma'], vocab, 3);
 * // count = 5; the first row of X is [0, 0, 0] ('...') and Y[0] is vocab.stoi('e')
 * ```
 */
export function buildContexts(items: readonly string[], vocab: Vocab, blockSize: number): Contexts {
  if (!Number.isInteger(blockSize) || blockSize < 1) {
    throw new DataError('BAD_ARGUMENT', `The block size must be an integer of at least 1, not ${blockSize}.`);
  }
  // Encode everything first so the typed arrays are allocated once at their final size.
  const encoded = items.map((item) => vocab.encode(item));
  const count = encoded.reduce((sum, ids) => sum + ids.length + 1, 0);
  const X = new Int32Array(count * blockSize); // (count, blockSize)
  const Y = new Int32Array(count); // (count)
  const context = new Array<number>(blockSize);
  let row = 0;
  for (const ids of encoded) {
    context.fill(vocab.startId);
    for (let t = 0; t <= ids.length; t++) {
      const next = t < ids.length ? ids[t]! : vocab.endId;
      X.set(context, row * blockSize);
      Y[row] = next;
      row += 1;
      context.shift();
      context.push(next);
    }
  }
  return { X, Y, count, blockSize };
}
