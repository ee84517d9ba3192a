import { buildContexts, type Vocab } from '@makemore/data';
import { ModelError } from './model-error.js';

/**
 * How a model reads data:
 * - `'window'`: the lecture's `build_dataset`, contexts `X (N, blockSize)` → next ids `Y (N)`;
 * - `'sequence'`: makemore's `CharDataset`, `X (N, blockSize)` = start token then the item's ids, and
 *   `Y (N, blockSize)` = the ids, the end token, then -1 (ignored by the loss).
 */
export type DataFormat = 'window' | 'sequence';

/** Training examples as flat int32 arrays, ready to batch. */
export interface ModelDataset {
  /** The format the arrays follow. */
  format: DataFormat;
  /** Inputs, row-major `(count, blockSize)`. */
  X: Int32Array;
  /** Targets, `(count)` for windows or row-major `(count, blockSize)` for sequences. */
  Y: Int32Array;
  /** Number of rows. */
  count: number;
  /** Length of each input row. */
  blockSize: number;
  /** Length of each target row: 1 for windows, `blockSize` for sequences. */
  targetWidth: number;
}

/**
 * makemore's sequences: each item becomes one row of `blockSize` inputs (start token, then its ids,
 * then start-token padding) and targets (its ids, the end token, then -1).
 *
 * @throws {@link ModelError} `BAD_DATA` when an item does not fit (`blockSize` must exceed the longest item)
 * @example
 * ```ts
 * const vocab = Vocab.fromItems(['ab']);
 * const { X, Y } = buildSequences(['ab'], vocab, 4);
 * // X = [0, 1, 2, 0], Y = [1, 2, 0, -1]
 * ```
 */
export function buildSequences(items: readonly string[], vocab: Vocab, blockSize: number): ModelDataset {
  const X = new Int32Array(items.length * blockSize).fill(vocab.startId);
  const Y = new Int32Array(items.length * blockSize).fill(-1);
  items.forEach((item, row) => {
    const ids = vocab.encode(item);
    if (ids.length + 1 > blockSize) {
      throw new ModelError(
        'BAD_DATA',
        `The item '${item}' has ${ids.length} characters but the block size is ${blockSize}; use a block size of at least ${ids.length + 1}.`,
      );
    }
    const base = row * blockSize;
    for (let t = 0; t < ids.length; t++) {
      X[base + t + 1] = ids[t]!;
      Y[base + t] = ids[t]!;
    }
    Y[base + ids.length] = vocab.endId;
  });
  return { format: 'sequence', X, Y, count: items.length, blockSize, targetWidth: blockSize };
}

/**
 * The dataset of `items` in the format a model reads.
 *
 * @example
 * ```ts
 * const train = buildDataset('window', split.train, vocab, 3); // 182k rows on names.txt
 * ```
 */
export function buildDataset(
  format: DataFormat,
  items: readonly string[],
  vocab: Vocab,
  blockSize: number,
): ModelDataset {
  if (format === 'sequence') return buildSequences(items, vocab, blockSize);
  const { X, Y, count } = buildContexts(items, vocab, blockSize);
  return { format, X, Y, count, blockSize, targetWidth: 1 };
}

/** Length of the longest item in characters (code points), for makemore's `blockSize = longest + 1`. */
export function longestItemLength(items: readonly string[]): number {
  let longest = 0;
  for (const item of items) longest = Math.max(longest, [...item].length);
  return longest;
}
