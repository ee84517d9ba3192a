/**
 * Names of the count models and the n-gram's default order, as `@makemore/train` defines them (a test
 * checks that they agree), for `train --help`, which names them without loading the packages.
 */

/** The count-based bigram of the first lecture. */
export const COUNT_BIGRAM = 'bigram';
/** The count-based n-gram, the lecture's exercise beyond the bigram. */
export const COUNT_NGRAM = 'ngram';
/** The n-gram order `train --model ngram` uses without `--n`: the trigram of the lecture's exercise. */
export const DEFAULT_NGRAM_ORDER = 3;
