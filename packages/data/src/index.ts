/**
 * Datasets, vocabularies, context windows and seeded splits for character-level language models.
 *
 * Runs in Node and in the browser: nothing here touches the file system; the caller reads files and
 * passes their bytes or text in. The Node entry point `@makemore/data/node` adds a dataset cache on
 * disk and `loadDataset`, the items of a built-in dataset in one call.
 *
 * @packageDocumentation
 */

export { buildContexts, type Contexts } from './contexts.js';
export {
  type DatasetCache,
  type DownloadOptions,
  downloadDataset,
  downloadRemoteFile,
} from './datasets/download.js';
export { type EmbeddedDatasetName, loadEmbeddedDataset } from './datasets/first-names.js';
export {
  type DatasetInfo,
  type DatasetName,
  DEFAULT_DATASET,
  getDataset,
  isDatasetName,
  listDatasets,
} from './datasets/registry.js';
export { decodeText } from './decode-text.js';
export { codePointLabel, describeCharacter } from './describe-character.js';
export { DataError, type DataErrorCode } from './errors.js';
export { fingerprintItems, sha256Hex } from './fingerprint.js';
export { Mt19937 } from './mt19937.js';
export {
  MAX_ITEM_LENGTH,
  type ParsedItems,
  type ParseItemsOptions,
  parseItems,
  requireItems,
} from './parse-items.js';
export { PythonRandom } from './python-random.js';
export { createRng, MAX_SEED, type RandomGenerator } from './rng.js';
export { sampleIndex } from './sample-index.js';
export { shuffle } from './shuffle.js';
export { type DataSplit, SPLIT_SCHEMES, type SplitOptions, type SplitScheme, splitItems } from './split.js';
export { torchRandperm } from './torch-random.js';
export {
  SHARED_BOUNDARY,
  SHARED_BOUNDARY_ESCAPED,
  SPLIT_END,
  SPLIT_START,
  Vocab,
  type VocabJSON,
  type VocabLayout,
  type VocabOptions,
} from './vocab.js';
