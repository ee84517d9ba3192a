import { DataError, Vocab } from '@makemore/data';
import { CheckpointError } from './checkpoint-error.js';
import {
  boolean,
  leaf,
  literal,
  matching,
  nonEmptyString,
  nonNegativeInteger,
  object,
  optional,
  positiveInteger,
  record,
  SchemaIssue,
  string,
} from './schema/check.js';

/** Written into every `config.json` so that a stray JSON file is not mistaken for a model. */
export const MODEL_FORMAT = 'makemore-ts/model';

/** The newest config format this version reads and the one it writes. */
export const MODEL_FORMAT_VERSION = 1;

/** A hyperparameter value as stored in `config.json`. */
export type HyperparameterValue = number | string | boolean | null;

const hyperparameterValue = leaf<HyperparameterValue>(
  'a number, a string, true, false or null',
  (v) => v === null || typeof v === 'string' || typeof v === 'boolean' || Number.isFinite(v),
);

// Every field is validated: a model directory is data from somewhere else, never trusted code.
const modelConfigSchema = object({
  format: literal(MODEL_FORMAT),
  formatVersion: positiveInteger,
  model: nonEmptyString,
  hyperparameters: record(hyperparameterValue),
  // Vocab.fromJSON checks the layout and characters below, with its own messages.
  vocab: leaf<unknown>('the vocab ({ "layout", "chars" })', () => true),
  data: object({
    source: string,
    fingerprint: matching(/^[0-9a-f]{64}$/, 'a sha256 fingerprint of 64 lowercase hex digits'),
    items: nonNegativeInteger,
    lowercase: optional(boolean),
    maxLength: optional(positiveInteger),
  }),
  created: string,
});

/** Where a model's training items came from, as recorded in `config.json`. */
export interface DataInfo {
  /** A dataset name, or a file path as the user gave it (relative to where training ran). */
  source: string;
  /** `fingerprintItems(items)` of all items (a resumed run must present the same data). */
  fingerprint: string;
  /** Number of items. */
  items: number;
  /** Whether the items were lower-cased when read; scoring and sampling lower-case input too. */
  lowercase?: boolean;
  /** Items longer than this were dropped when read. */
  maxLength?: number;
}

/** The parsed and validated `config.json` of a model directory. */
export interface ModelConfig {
  /** Always {@link MODEL_FORMAT}. */
  format: typeof MODEL_FORMAT;
  /** The format version the directory was written with. */
  formatVersion: number;
  /** Registry name of the model type, e.g. `bigram` or `mlp`. */
  model: string;
  /** The model's hyperparameters, as the registry entry defines them. */
  hyperparameters: Record<string, HyperparameterValue>;
  /** The vocabulary the model was trained with. */
  vocab: Vocab;
  /** Where the training data came from, how it was read, and a fingerprint of its items. */
  data: DataInfo;
  /** ISO 8601 time of writing. */
  created: string;
}

/**
 * Validates a parsed `config.json`.
 *
 * @param json - the parsed JSON
 * @param knownModels - the model types this program can load; anything else is rejected
 * @returns the config with its vocab rebuilt
 * @throws CheckpointError `NEWER_FORMAT`, `UNKNOWN_MODEL` or `BAD_CONFIG`
 */
export function parseModelConfig(json: unknown, knownModels: readonly string[]): ModelConfig {
  const version = (json as { formatVersion?: unknown } | null)?.formatVersion;
  if (typeof version === 'number' && version > MODEL_FORMAT_VERSION) {
    throw new CheckpointError(
      'NEWER_FORMAT',
      `config.json has format version ${version} but this makemore-ts reads up to ${MODEL_FORMAT_VERSION}; upgrade makemore-ts to load this model.`,
    );
  }
  let config: ReturnType<typeof modelConfigSchema>;
  try {
    config = modelConfigSchema(json, []);
  } catch (error) {
    if (!(error instanceof SchemaIssue)) throw error;
    throw new CheckpointError(
      'BAD_CONFIG',
      `config.json is invalid at ${error.where} (${error.problem}); restore the file or train the model again.`,
    );
  }
  if (!knownModels.includes(config.model)) {
    throw new CheckpointError(
      'UNKNOWN_MODEL',
      `config.json names an unknown model type '${config.model}'; this makemore-ts knows ${knownModels.join(', ')}.`,
    );
  }
  let vocab: Vocab;
  try {
    vocab = Vocab.fromJSON(config.vocab);
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    throw new CheckpointError('BAD_CONFIG', `config.json has an invalid vocab: ${error.message}`);
  }
  return { ...config, format: MODEL_FORMAT, vocab };
}

/**
 * Serialises a config for `config.json`, pretty-printed so people can read it.
 *
 * @param config - the config to write; `vocab` is stored as its JSON form
 * @returns the file's text, ending in a newline
 */
export function stringifyModelConfig(config: ModelConfig): string {
  return `${JSON.stringify({ ...config, vocab: config.vocab.toJSON() }, null, 2)}\n`;
}
