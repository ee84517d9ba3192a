/**
 * Generation, scoring and novelty reports for any makemore-ts model, through one small interface:
 * the next-token distribution for a batch of sequences.
 *
 * @packageDocumentation
 */
export { drawSeed } from './draw-seed.js';
export { type GenerateOptions, generate } from './generate.js';
export type { LanguageModel, TokenRows } from './language-model.js';
export { type KnownItems, type NoveltyReport, type NoveltyStatus, noveltyReport } from './novelty.js';
export { SamplingError, type SamplingErrorCode } from './sampling-error.js';
export { averageNll, type ScoreTerm, scoreWords, type WordScore } from './score.js';
