/** Where a generated item was found: one of the dataset's splits, or nowhere (new). */
export type NoveltyStatus = 'new' | 'train' | 'val' | 'test';

/** The dataset's items by split, as far as they are known. */
export interface KnownItems {
  /** Training items. */
  train?: readonly string[] | undefined;
  /** Validation items. */
  val?: readonly string[] | undefined;
  /** Test items. */
  test?: readonly string[] | undefined;
}

/** makemore's report on samples: each with its status, and how many had each status. */
export interface NoveltyReport {
  /** Each sample with where it was found. */
  samples: Array<{ sample: string; status: NoveltyStatus }>;
  /** How many samples had each status. */
  counts: Record<NoveltyStatus, number>;
}

/**
 * Marks each sample as found in the train, val or test items, or new, as makemore's
 * `print_samples` does.
 *
 * @param samples - generated items
 * @param known - the dataset's splits
 * @param options - `unique` drops repeated samples (keeping the first)
 * @returns the marked samples and counts
 */
export function noveltyReport(
  samples: readonly string[],
  known: KnownItems,
  options: { unique?: boolean | undefined } = {},
): NoveltyReport {
  const lookup = new Map<string, NoveltyStatus>();
  // Train wins over val and test when an item is in several, as it is what the model saw.
  for (const status of ['test', 'val', 'train'] as const)
    for (const item of known[status] ?? []) lookup.set(item, status);
  const counts: Record<NoveltyStatus, number> = { new: 0, train: 0, val: 0, test: 0 };
  const seen = new Set<string>();
  const marked: NoveltyReport['samples'] = [];
  for (const sample of samples) {
    if (options.unique && seen.has(sample)) continue;
    seen.add(sample);
    const status = lookup.get(sample) ?? 'new';
    counts[status]++;
    marked.push({ sample, status });
  }
  return { samples: marked, counts };
}
