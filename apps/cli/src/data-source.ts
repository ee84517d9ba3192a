import { readFile, stat } from 'node:fs/promises';
import { isAbsolute, relative } from 'node:path';
import {
  decodeText,
  downloadDataset,
  isDatasetName,
  listDatasets,
  loadEmbeddedDataset,
  parseItems,
  requireItems,
} from '@makemore/data';
import { diskDatasetCache } from '@makemore/data/node';
import { cacheDirectory } from './dataset-cache.js';
import { UsageError } from './errors.js';
import { createProgress } from './progress.js';

/** The items of a dataset, with where they came from. */
export interface LoadedItems {
  /** The items, one per non-empty line. */
  items: string[];
  /** The dataset name or the file path as the user gave it. */
  source: string;
  /** How many lines were dropped because they were empty after trimming. */
  droppedBlank: number;
}

/** How to load a dataset. */
export interface LoadOptions {
  /** Lower-case every item. */
  lowercase?: boolean;
  /** The process environment (for the cache directory). */
  env: NodeJS.ProcessEnv;
  /** Where download progress is drawn (only when it is a TTY). */
  progressStream: NodeJS.WriteStream;
}

/** Larger files are refused before reading: a list of words this big is almost surely something else. */
export const MAX_DATA_FILE_BYTES = 512 * 2 ** 20;

async function readDatasetText(spec: string, options: LoadOptions): Promise<string> {
  if (isDatasetName(spec)) {
    const info = listDatasets().find((dataset) => dataset.name === spec)!;
    if (!info.remote) return loadEmbeddedDataset(spec as 'first-names').join('\n');
    const progress = createProgress(`download ${spec}`, options.progressStream);
    try {
      return await downloadDataset(spec, {
        cache: diskDatasetCache(cacheDirectory(options.env)),
        onProgress: (received, total) => progress.update(received, total ?? received),
      });
    } finally {
      progress.stop();
    }
  }
  const info = await stat(spec).catch(() => undefined);
  if (info === undefined) {
    const names = listDatasets()
      .map((dataset) => dataset.name)
      .join(', ');
    throw new UsageError(
      `There is no dataset named '${spec}' and no file at ${spec}; give a file path or one of: ${names}.`,
    );
  }
  if (info.isDirectory())
    throw new UsageError(`${spec} is a directory; give a text file with one item per line.`);
  if (info.size > MAX_DATA_FILE_BYTES) {
    throw new UsageError(
      `${spec} is ${Math.round(info.size / 2 ** 20).toLocaleString('en-US')} MiB; makemore reads data files of up to ${MAX_DATA_FILE_BYTES / 2 ** 20} MiB.`,
    );
  }
  return decodeText(new Uint8Array(await readFile(spec)));
}

/**
 * Loads the items of `--data`: a built-in dataset's name or a path to a text file with one item per
 * line. Empty, binary and non-UTF-8 files are rejected with a one-sentence error.
 *
 * @param spec - dataset name or file path
 * @param options - lower-casing and process context
 * @returns the items and where they came from
 */
export async function loadItems(spec: string, options: LoadOptions): Promise<LoadedItems> {
  const text = await readDatasetText(spec, options);
  const parsed = parseItems(text, { lowercase: options.lowercase ?? false });
  return { items: requireItems(parsed, spec), source: spec, droppedBlank: parsed.dropped.blank };
}

/**
 * The data source as config.json records it: a dataset name as it is, a file path relative to the
 * working directory, so the directory says nothing of the machine it was trained on.
 *
 * @param spec - the `--data` value
 */
export function recordedSource(spec: string): string {
  if (isDatasetName(spec) || !isAbsolute(spec)) return spec;
  return relative(process.cwd(), spec) || spec;
}
