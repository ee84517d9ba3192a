/**
 * Registry name of the count-based bigram model of the first lecture. Kept in a file of its own so
 * that `--help` can name it without loading the model code.
 */
export const COUNT_BIGRAM = 'bigram';
