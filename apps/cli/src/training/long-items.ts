/** Items far longer than the rest of a dataset: how many, how long, and how long the rest are. */
export interface LongItems {
  /** How many items are far longer than the rest. */
  count: number;
  /** The longest item's length in characters. */
  longest: number;
  /** The length that 99% of the items do not exceed: a sensible `--max-length`. */
  typical: number;
}

const characters = (item: string) => [...item].length;

/**
 * Finds the few items that are far longer than the rest: longer than three times the 99th-percentile
 * length (and at least 16 characters beyond it). Models that take their block size from the longest
 * item (rnn, gru, transformer) pay for every step at that length, so one stray paragraph in a list of
 * names makes training crawl.
 *
 * @param items - the dataset
 * @returns the outliers, or null when there are none
 */
export function findLongItems(items: readonly string[]): LongItems | null {
  if (items.length === 0) return null;
  const lengths = items.map(characters).sort((a, b) => a - b);
  const typical = lengths[Math.min(lengths.length - 1, Math.floor(lengths.length * 0.99))]!;
  const limit = Math.max(3 * typical, typical + 16);
  const count = lengths.filter((length) => length > limit).length;
  return count === 0 ? null : { count, longest: lengths.at(-1)!, typical };
}

/**
 * Drops items longer than `maxLength` characters.
 *
 * @param items - the dataset
 * @param maxLength - the longest item to keep, in characters
 * @returns the items kept, in order, and how many were dropped
 */
export function dropLongItems(
  items: readonly string[],
  maxLength: number,
): { items: string[]; dropped: number } {
  const kept = items.filter((item) => characters(item) <= maxLength);
  return { items: kept, dropped: items.length - kept.length };
}
