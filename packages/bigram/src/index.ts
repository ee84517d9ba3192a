/**
 * The count-based bigram character model of the first makemore lecture: count every pair of adjacent
 * characters, normalise the counts into probabilities, score words and sample new ones, and draw the
 * count table as the lecture's heatmap.
 *
 * @packageDocumentation
 */

export { bluesColor } from './blues.js';
export { type BigramCount, BigramCounts } from './counts.js';
export { type HeatmapOptions, heatmapSvg } from './heatmap.js';
export {
  type AverageNll,
  type BigramFitOptions,
  BigramModel,
  type BigramSampleOptions,
  type BigramScore,
  type BigramScoreTerm,
} from './model.js';
export type { BigramModelJSON } from './model-json.js';
export { MAX_NGRAM_ORDER, NGramModel, type NGramOptions, type NGramTables } from './ngram.js';
