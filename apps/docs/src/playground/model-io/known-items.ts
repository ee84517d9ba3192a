import { fingerprintItems, type SplitScheme, splitItems } from '@makemore/data';
import type { KnownItems } from '@makemore/sampling';
import { countModelSplit, isCountModel, type ModelConfig, type TrainingState } from '@makemore/train';

// How the model's items were split, where its directory records it: a count model in its config, a
// neural model in training-state.json.
function splitRecipe(
  config: ModelConfig,
  state: TrainingState | null,
): { seed: number; scheme: SplitScheme } | null {
  if (isCountModel(config.model)) return countModelSplit(config.hyperparameters) ?? null;
  return state === null ? null : { seed: state.seed, scheme: state.recipe.split };
}

/**
 * The train, val and test items a loaded model was trained on, for the novelty marks of its samples:
 * rebuilt from `items` as `makemore sample` rebuilds them, after checking that they are the data the
 * model records (its fingerprint, after the lower-casing and the length cut it records).
 *
 * @param loaded - the model's config and training state (a `LoadedModelFiles`)
 * @param items - the items it may have been trained on: the built-in dataset
 *   (`loadEmbeddedDataset('first-names')` when `config.data.source` is `first-names`) or the page's data
 * @returns the split, or null when `items` are not the model's data or the directory records no split
 */
export async function knownItemsOf(
  loaded: { config: ModelConfig; state: TrainingState | null },
  items: readonly string[],
): Promise<KnownItems | null> {
  const { config, state } = loaded;
  const recipe = splitRecipe(config, state);
  if (recipe === null) return null;
  const { lowercase, maxLength } = config.data;
  // Directories written before lower-casing was recorded leave it to the fingerprint to tell.
  for (const lower of lowercase === undefined ? [false, true] : [lowercase]) {
    let candidates = lower ? items.map((item) => item.toLowerCase()) : [...items];
    if (maxLength !== undefined) candidates = candidates.filter((item) => [...item].length <= maxLength);
    if ((await fingerprintItems(candidates)) === config.data.fingerprint)
      return splitItems(candidates, recipe);
  }
  return null;
}
