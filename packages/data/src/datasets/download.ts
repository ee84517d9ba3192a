import { decodeText } from '../decode-text.js';
import { DataError } from '../errors.js';
import { sha256Hex } from '../fingerprint.js';
import { type EmbeddedDatasetName, loadEmbeddedDataset } from './first-names.js';
import { type DatasetInfo, getDataset } from './registry.js';

/**
 * Where downloaded datasets are kept between runs. The package has no file system access of its own
 * (it also runs in the browser), so the caller supplies one: the CLI keeps files on disk, a web page
 * might use IndexedDB, tests use a `Map`.
 */
export interface DatasetCache {
  /** The bytes stored under `fileName`, or `undefined` if there are none. */
  read(fileName: string): Promise<Uint8Array | undefined>;
  /** Stores `bytes` under `fileName`, replacing what was there. */
  write(fileName: string, bytes: Uint8Array): Promise<void>;
}

/** Options of {@link downloadDataset}. */
export interface DownloadOptions {
  /** The `fetch` to use; default `globalThis.fetch`. Pass one to add a proxy, a timeout, or a fake in tests. */
  fetch?: typeof fetch | undefined;
  /** Where to look for the file before downloading it, and to keep it after; default: no cache. */
  cache?: DatasetCache | undefined;
  /**
   * Called as bytes arrive; `total` is the Content-Length when the server sends one. Not called when the
   * file comes from the cache.
   */
  onProgress?: ((received: number, total: number | undefined) => void) | undefined;
}

/**
 * The text of a built-in dataset, downloaded from its public URL unless a verified copy is in the cache.
 *
 * Both downloaded and cached bytes must have the dataset's sha256: a cached file that does not is
 * downloaded again, and only verified bytes are written to the cache. A dataset that ships inside the
 * package (`'first-names'`) is returned without any download, one item per line.
 *
 * @param name - a built-in dataset name, see {@link listDatasets}.
 * @param options - see {@link DownloadOptions}.
 * @returns the file contents as text; pass it to {@link parseItems}.
 * @throws {@link DataError} `UNKNOWN_DATASET` for an unknown name, `DOWNLOAD_FAILED` when offline or on
 *   an HTTP error, `CHECKSUM_MISMATCH` when the downloaded bytes are not the expected file.
 *
 * @example
 * ```ts
 * const text = await downloadDataset('names', { cache, onProgress: (got, total) => console.log(got, total) });
 * const items = requireItems(parseItems(text), 'names');
 * ```
 */
export async function downloadDataset(name: string, options: DownloadOptions = {}): Promise<string> {
  const info = getDataset(name);
  if (info.remote === undefined) {
    return `${loadEmbeddedDataset(name as EmbeddedDatasetName).join('\n')}\n`;
  }
  return downloadRemoteFile(name, info.remote, options);
}

/**
 * Downloads one file and checks its sha256, using and filling the cache as {@link downloadDataset}
 * describes; `downloadDataset` is this for the files of the built-in datasets.
 *
 * @param name - how to name the file in error messages, e.g. the dataset name.
 * @param remote - where the file is, what hash it must have and what to cache it as.
 * @param options - see {@link DownloadOptions}.
 * @returns the file contents as text.
 * @throws {@link DataError} `DOWNLOAD_FAILED`, `CHECKSUM_MISMATCH`, or `BINARY` / `INVALID_UTF8` from
 *   {@link decodeText}.
 */
export async function downloadRemoteFile(
  name: string,
  remote: NonNullable<DatasetInfo['remote']>,
  options: DownloadOptions = {},
): Promise<string> {
  const { url, sha256, fileName } = remote;
  const cached = await options.cache?.read(fileName);
  // A cached file is trusted only if it still hashes right: a partial write or an edit is replaced.
  if (cached !== undefined && (await sha256Hex(cached)) === sha256) return decodeText(cached);

  const bytes = await fetchBytes(name, url, options);
  const actual = await sha256Hex(bytes);
  if (actual !== sha256) {
    throw new DataError(
      'CHECKSUM_MISMATCH',
      `The "${name}" dataset downloaded from ${url} has sha256 ${actual} instead of ${sha256}; download the file from ${url} yourself and pass its path instead of the name.`,
    );
  }
  await options.cache?.write(fileName, bytes);
  return decodeText(bytes);
}

async function fetchBytes(name: string, url: string, options: DownloadOptions): Promise<Uint8Array> {
  const failed = (reason: string, cause?: unknown) =>
    new DataError(
      'DOWNLOAD_FAILED',
      `Could not download the "${name}" dataset from ${url} (${reason}); download the file from ${url} yourself and pass its path instead of the name.`,
      { cause },
    );
  const fetchFn = options.fetch ?? globalThis.fetch;
  if (typeof fetchFn !== 'function') throw failed('this runtime has no fetch');
  let response: Response;
  try {
    response = await fetchFn(url);
  } catch (cause) {
    throw failed(errorText(cause), cause);
  }
  if (!response.ok) {
    throw failed(`HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`);
  }
  try {
    return await readBody(response, options.onProgress);
  } catch (cause) {
    throw failed(`the connection broke after the download started: ${errorText(cause)}`, cause);
  }
}

/** Reads the body chunk by chunk when it can, so that progress can be reported. */
async function readBody(response: Response, onProgress: DownloadOptions['onProgress']): Promise<Uint8Array> {
  const header = response.headers.get('content-length');
  const length = header === null ? Number.NaN : Number(header);
  const total = Number.isSafeInteger(length) && length >= 0 ? length : undefined;
  const reader = response.body?.getReader();
  if (reader === undefined) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    onProgress?.(bytes.length, total);
    return bytes;
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    received += value.length;
    onProgress?.(received, total);
  }
  const bytes = new Uint8Array(received);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Node's fetch reports "fetch failed" and puts the useful part (ENOTFOUND, ECONNREFUSED) in the cause.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
