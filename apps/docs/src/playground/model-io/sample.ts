import {
  drawSeed,
  generate,
  type KnownItems,
  type LanguageModel,
  type NoveltyReport,
  noveltyReport,
} from '@makemore/sampling';

/** The sampling controls of `makemore sample`, for the page's form. */
export interface SampleControls {
  /** How many items (`-n`). */
  count: number;
  /** Softmax temperature (`--temperature`): below 1 is safer, above 1 wilder, 0 is greedy. */
  temperature: number;
  /** Sample only from the k most likely next characters (`--top-k`); null for all of them. */
  topK: number | null;
  /** Sample only from the most likely characters whose probability reaches p (`--top-p`); null for all. */
  topP: number | null;
  /** Every item starts with this text (`--prefix`); empty for none. */
  prefix: string;
  /** Seed of the sampler (`--seed`): the same seed gives the CLI's samples; null for a fresh one. */
  seed: number | null;
}

/** The defaults of `makemore sample`: 10 items at temperature 1, no filters, no prefix, a fresh seed. */
export const DEFAULT_SAMPLE_CONTROLS: Readonly<SampleControls> = {
  count: 10,
  temperature: 1,
  topK: null,
  topP: null,
  prefix: '',
  seed: null,
};

/** Samples marked new or with the split they are in, with the seed they were drawn with. */
export interface SampleReport extends NoveltyReport {
  /** The seed used (the one drawn when the controls had none): `makemore sample --seed` repeats it. */
  seed: number;
}

/**
 * Samples a model as `makemore sample` does with the same flags (the same seed gives the same items),
 * each marked new or found in the train, val or test items, as makemore prints them.
 *
 * @param model - any model (for one loaded from files, pass the prefix through its `asTrained`)
 * @param known - the items of the data it was trained on, by split; `{}` marks every sample new
 * @param controls - count, temperature, top-k, top-p, prefix and seed
 * @returns the marked samples and the seed
 * @throws SamplingError with one sentence for a control out of range (a negative temperature, top-p
 *   outside (0, 1], ...); DataError naming a prefix character outside the vocabulary
 */
export async function sampleModel(
  model: LanguageModel,
  known: KnownItems,
  controls: SampleControls,
): Promise<SampleReport> {
  const seed = controls.seed ?? drawSeed();
  // generate checks every control and says what is wrong in one sentence; nothing is checked twice.
  const items = await generate(model, {
    count: controls.count,
    temperature: controls.temperature,
    topK: controls.topK ?? undefined,
    topP: controls.topP ?? undefined,
    prefix: controls.prefix,
    seed,
  });
  return { ...noveltyReport(items, known), seed };
}
