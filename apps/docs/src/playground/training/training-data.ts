import { type DataSplit, fingerprintItems, type SplitScheme } from '@makemore/data';
import type { DataInfo } from '@makemore/train';
import { type DataChoice, loadPlaygroundData } from '../data.js';

/** A run's items, split, and what its config.json records of them. */
export interface TrainingData {
  /** Every item. */
  items: string[];
  /** The items split with the run's seed and scheme. */
  split: DataSplit;
  /** How they were split (recorded, so `makemore sample` can split them again for novelty marks). */
  scheme: SplitScheme;
  /** Source, fingerprint and item count, for config.json. */
  info: DataInfo;
}

/**
 * Loads and splits the run's items as `makemore train` would with the same seed and scheme.
 *
 * @param choice - the built-in dataset, pasted lines or an uploaded file
 * @param seed - the split's seed
 * @param scheme - the model's split scheme
 * @throws DataError for an empty text or a binary or non-UTF-8 file
 */
export async function loadTrainingData(
  choice: DataChoice,
  seed: number,
  scheme: SplitScheme,
): Promise<TrainingData> {
  const { items, source, split } = loadPlaygroundData(choice, seed, scheme);
  return {
    items,
    split,
    scheme,
    info: { source, fingerprint: await fingerprintItems(items), items: items.length },
  };
}
