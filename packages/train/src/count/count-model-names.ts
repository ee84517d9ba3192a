/**
 * Names of the count models, which are fitted by counting rather than by gradient descent. They are
 * not in the neural registry of `@makemore/models`, so this file says which names they take.
 */

/** The count-based bigram of the first lecture. */
export const COUNT_BIGRAM = 'bigram';
/** The count-based n-gram, the lecture's exercise beyond the bigram. */
export const COUNT_NGRAM = 'ngram';
/** Every count model. */
export const COUNT_MODELS: readonly string[] = [COUNT_BIGRAM, COUNT_NGRAM];

/** Whether `model` is a count model (no steps, no optimizer, no checkpoint to resume). */
export function isCountModel(model: string): boolean {
  return COUNT_MODELS.includes(model);
}

/** The n-gram order used when none is given: the trigram of the lecture's exercise. */
export const DEFAULT_NGRAM_ORDER = 3;

/**
 * The options only the count models take, by the same names in `trainModel`'s options and as
 * `makemore train`'s flags (`--smoothing`, `--n`, `--layout`); a neural model refuses them.
 */
export const COUNT_MODEL_OPTIONS = ['smoothing', 'n', 'layout'] as const;
