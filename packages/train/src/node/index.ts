/**
 * Node-only helpers of `@makemore/train`: read and write model directories on disk, atomically.
 * The main entry point has no file-system code, so it runs in browsers too.
 *
 * @packageDocumentation
 */
export { readModelDirectory, writeModelDirectory } from './model-store.js';
