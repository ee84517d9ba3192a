import { type DataSplit, fingerprintItems, type SplitScheme, splitItems } from '@makemore/data';
import type { ModelConfig } from '@makemore/train';
import { loadItems } from './data-source.js';
import type { CommandContext } from './output.js';
import { dropLongItems } from './training/long-items.js';

/** How a model's items were split: enough to split them again identically. */
export interface SplitRecipe {
  /** The seed of the split. */
  seed: number;
  /** The split scheme. */
  scheme: SplitScheme;
}

/** The training data's splits, or why they could not be rebuilt. */
export type KnownSplit = { split: DataSplit } | { reason: string };

/**
 * Rebuilds the train/val/test split a model was trained on, for the novelty report and `eval`: loads
 * the data (the source recorded in config.json unless `dataOverride` is given), checks it against the
 * recorded fingerprint and splits it the way it was split.
 *
 * @param config - the model's config
 * @param recipe - the split's seed and scheme, if the model directory records them
 * @param dataOverride - a dataset name or file to use instead of the recorded source
 * @param context - streams and environment
 * @returns the split, or a reason it is unavailable (the data moved or changed)
 */
export async function knownSplit(
  config: ModelConfig,
  recipe: SplitRecipe | undefined,
  dataOverride: string | undefined,
  context: CommandContext,
): Promise<KnownSplit> {
  if (recipe === undefined) return { reason: 'the model directory records no split seed' };
  const spec = dataOverride ?? config.data.source;
  const { maxLength } = config.data;
  // Directories written before lower-casing was recorded leave it to the fingerprint to tell.
  const readings = config.data.lowercase === undefined ? [false, true] : [config.data.lowercase];
  for (const lowercase of readings) {
    let items: string[];
    try {
      ({ items } = await loadItems(spec, { lowercase, env: context.env, progressStream: context.stderr }));
    } catch (error) {
      return {
        reason: `the training data ${spec} cannot be read (${error instanceof Error ? error.message : String(error)})`,
      };
    }
    if (maxLength !== undefined) items = dropLongItems(items, maxLength).items;
    if ((await fingerprintItems(items)) === config.data.fingerprint) {
      return { split: splitItems(items, { seed: recipe.seed, scheme: recipe.scheme }) };
    }
  }
  return { reason: `${spec} is not the data the model was trained on; pass the original with --data` };
}
