import type { LanguageModel } from '@makemore/sampling';
import type { ModelDirectory } from '../model-directory.js';
import { type CountBigramRequest, loadCountBigram, trainCountBigram } from './count-bigram.js';
import { COUNT_BIGRAM } from './count-model-names.js';
import { loadCountNGram, trainCountNGram } from './count-ngram.js';

/** What counting a bigram or an n-gram needs. */
export interface CountModelRequest extends CountBigramRequest {
  /** {@link COUNT_BIGRAM} or `ngram`. */
  model: string;
  /** Tokens per n-gram (read only for `ngram`). */
  n: number;
}

/**
 * Counts the bigrams or n-grams of the training split and returns the model directory to write.
 *
 * @param request - data, layout, smoothing, and the order for the n-gram
 */
export function trainCountModel(request: CountModelRequest): ModelDirectory {
  return request.model === COUNT_BIGRAM ? trainCountBigram(request) : trainCountNGram(request);
}

/**
 * Rebuilds a count model (bigram or n-gram) from its validated model directory.
 *
 * @param directory - a directory whose model is a count model
 * @throws CheckpointError when its tables or hyperparameters do not fit
 */
export function loadCountModel(directory: ModelDirectory): LanguageModel {
  return directory.config.model === COUNT_BIGRAM ? loadCountBigram(directory) : loadCountNGram(directory);
}
