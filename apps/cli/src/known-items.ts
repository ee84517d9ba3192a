import { type DataSplit, fingerprintItems, splitItems } from '@makemore/data';
import type { ModelConfig } from '@makemore/train';
import { loadItems } from './data-source.js';
import type { CommandContext } from './output.js';

/** The training data's splits, or why they could not be rebuilt. */
export type KnownSplit = { split: DataSplit } | { reason: string };

/**
 * Rebuilds the train/val/test split a model was trained on, for the novelty report: loads the
 * data (the source recorded in config.json unless `dataOverride` is given), checks it against the
 * recorded fingerprint and splits it with the recorded seed.
 *
 * @param config - the model's config
 * @param dataOverride - a dataset name or file to use instead of the recorded source
 * @param context - streams and environment
 * @returns the split, or a reason it is unavailable (the data moved or changed)
 */
export async function knownSplit(
  config: ModelConfig,
  dataOverride: string | undefined,
  context: CommandContext,
): Promise<KnownSplit> {
  const spec = dataOverride ?? config.data.source;
  const { seed, lowercase } = config.hyperparameters;
  if (typeof seed !== 'number') return { reason: 'config.json records no split seed' };
  let items: string[];
  try {
    ({ items } = await loadItems(spec, {
      lowercase: lowercase === true,
      env: context.env,
      progressStream: context.stderr,
    }));
  } catch (error) {
    return {
      reason: `the training data ${spec} cannot be read (${error instanceof Error ? error.message : String(error)})`,
    };
  }
  if ((await fingerprintItems(items)) !== config.data.fingerprint) {
    return { reason: `${spec} is not the data the model was trained on; pass the original with --data` };
  }
  return { split: splitItems(items, { seed }) };
}
