import type { DataSplit } from '@makemore/data';
import { generate, type LanguageModel, type NoveltyReport, noveltyReport } from '@makemore/sampling';

/**
 * Draws `count` samples of the model as it is now and marks each new or with the split it comes
 * from, as `makemore sample` does; the same seed at every evaluation shows the same draws improve.
 *
 * @param model - the model (a training run's `languageModel()`, or a count model)
 * @param split - the items the model was trained on, by split
 * @param count - how many samples
 * @param seed - the sampler's seed
 * @returns the marked samples
 */
export async function sampleReport(
  model: LanguageModel,
  split: DataSplit,
  count: number,
  seed: number,
): Promise<NoveltyReport> {
  return noveltyReport(await generate(model, { count, seed }), split);
}
