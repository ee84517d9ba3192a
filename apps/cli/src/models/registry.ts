import { bigramKind } from './bigram.js';
import type { ModelKind } from './model-kind.js';

/** Every model type the CLI can train and load, by `--model` name. */
export const MODEL_KINDS: ReadonlyMap<string, ModelKind> = new Map(
  [bigramKind].map((kind) => [kind.name, kind]),
);

/** The names `--model` accepts. */
export const MODEL_NAMES: readonly string[] = [...MODEL_KINDS.keys()];
