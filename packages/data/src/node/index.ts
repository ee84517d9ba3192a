/**
 * Node-only helpers of `@makemore/data`: a dataset cache on disk, and the items of a built-in dataset
 * in one call. The main entry point has no file-system code, so it runs in browsers too.
 *
 * @packageDocumentation
 */
export { diskDatasetCache } from './disk-cache.js';
export { type LoadDatasetOptions, loadDataset } from './load-dataset.js';
