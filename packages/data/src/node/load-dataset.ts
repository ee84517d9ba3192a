import { type DownloadOptions, downloadDataset } from '../datasets/download.js';
import { parseItems, requireItems } from '../parse-items.js';
import { diskDatasetCache } from './disk-cache.js';

/** Options of {@link loadDataset}: those of `downloadDataset`, with a directory for the cache. */
export interface LoadDatasetOptions extends Omit<DownloadOptions, 'cache'> {
  /**
   * The directory to keep the downloaded file in (a path or a `file:` URL): a copy there with the right
   * sha256 is used instead of downloading. Default: none, so a remote dataset is downloaded every time.
   */
  cacheDirectory?: string | URL | undefined;
  /** Lower-case every item, as `parseItems` does. Default `false`. */
  lowercase?: boolean | undefined;
}

/**
 * The items of a built-in dataset in one call: `downloadDataset` with a {@link diskDatasetCache}, then
 * `parseItems` and `requireItems`.
 *
 * @param name - a built-in dataset name, see `listDatasets`.
 * @param options - see {@link LoadDatasetOptions}.
 * @returns the items, one per non-empty line, in file order.
 * @throws `DataError` as `downloadDataset` throws it, or `EMPTY` for a dataset without items.
 *
 * @example
 * ```ts
 * const names = await loadDataset('names', { cacheDirectory: '.cache/makemore' }); // 32,033 names
 * ```
 */
export async function loadDataset(name: string, options: LoadDatasetOptions = {}): Promise<string[]> {
  const { cacheDirectory, lowercase, ...download } = options;
  const cache = cacheDirectory === undefined ? undefined : diskDatasetCache(cacheDirectory);
  const text = await downloadDataset(name, { ...download, cache });
  return requireItems(parseItems(text, { lowercase }), name);
}
