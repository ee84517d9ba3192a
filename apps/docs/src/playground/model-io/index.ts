// Models in and out of the playground, and what the page does with a model it holds: zips, files
// chosen or dropped on the page, loading, sampling with the CLI's controls, the next-character
// distribution and scoring. Plain TypeScript for the page's main thread; gpu.js is never imported.
export { modelFilesFromDrop } from './dropped-files.js';
export { knownItemsOf } from './known-items.js';
export { type LoadedModelFiles, loadModelFiles } from './load-model-files.js';
export { ModelFilesError, type ModelFilesErrorCode } from './model-files-error.js';
export { chooseModelPaths, MODEL_FILE_NAMES } from './model-paths.js';
export { modelSummary } from './model-summary.js';
export { type NextCharProbability, nextCharDistribution, tokenLabel } from './next-char.js';
export { modelFilesFromList, modelFilesFromPageFiles, type PageFile } from './page-files.js';
export { DEFAULT_SAMPLE_CONTROLS, type SampleControls, type SampleReport, sampleModel } from './sample.js';
export { type ItemScore, type ItemScores, scoreItems, type UnscoredItem } from './score-items.js';
export { filesFromZip, isZip, MAX_MODEL_BYTES, modelZip, type ZipReadOptions } from './zip.js';
