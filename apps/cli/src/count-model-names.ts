/**
 * Names of the count models, which `train` fits by counting rather than by gradient descent. Kept in
 * a file of their own so that `--help` can name them without loading the model code.
 */

/** The count-based bigram of the first lecture. */
export const COUNT_BIGRAM = 'bigram';
/** The count-based n-gram, the lecture's exercise beyond the bigram. */
export const COUNT_NGRAM = 'ngram';
/** Every count model, in `--model`'s order. */
export const COUNT_MODELS: readonly string[] = [COUNT_BIGRAM, COUNT_NGRAM];

/** Whether `model` is a count model (no steps, no optimizer, no checkpoint to resume). */
export function isCountModel(model: string): boolean {
  return COUNT_MODELS.includes(model);
}

/** The n-gram order `train --model ngram` uses without `--n`: the trigram of the lecture's exercise. */
export const DEFAULT_NGRAM_ORDER = 3;
