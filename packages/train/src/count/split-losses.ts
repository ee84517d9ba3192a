import type { DataSplit } from '@makemore/data';
import { averageNll, type LanguageModel } from '@makemore/sampling';

/** The average NLL per token on each part of a split; null for an empty part. */
export interface SplitLosses {
  train: number | null;
  val: number | null;
  test: number | null;
}

/**
 * The loss of a model on each part of its split, as a count model reports it after counting (it has
 * no training loop to evaluate it).
 *
 * @param model - the model
 * @param split - its train, val and test items
 */
export async function splitLosses(model: LanguageModel, split: DataSplit): Promise<SplitLosses> {
  const loss = async (part: readonly string[]) =>
    part.length === 0 ? null : (await averageNll(model, part)).nll;
  return { train: await loss(split.train), val: await loss(split.val), test: await loss(split.test) };
}
