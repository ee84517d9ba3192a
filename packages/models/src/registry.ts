import type { ModelEntry } from './model-entry.js';
import { ModelError } from './model-error.js';
import { bigramNN } from './models/bigram-nn.js';
import { bow } from './models/bow.js';
import { lstm } from './models/lstm.js';
import { mlp } from './models/mlp.js';
import { mlpBn } from './models/mlp-bn.js';
import { gru, rnn } from './models/recurrent.js';
import { transformer } from './models/transformer.js';
import { wavenet } from './models/wavenet.js';

/**
 * Every model type by name, in the order of the lectures and of makemore.py: bigram-nn, mlp, mlp-bn,
 * wavenet, rnn, gru, lstm (the recurrent cells together), bow, transformer (makemore.py's causal bag of
 * words leads to its attention). The CLI and the checkpoint loader pick models from here, never through
 * an if/else chain.
 *
 * @example
 * ```ts
 * for (const [name, entry] of MODEL_REGISTRY) console.log(name, entry.recipe.steps);
 * ```
 */
export const MODEL_REGISTRY: ReadonlyMap<string, ModelEntry> = new Map(
  [bigramNN, mlp, mlpBn, wavenet, rnn, gru, lstm, bow, transformer].map((entry) => [entry.name, entry]),
);

/** Names of the registered models. */
export function listModels(): string[] {
  return [...MODEL_REGISTRY.keys()];
}

/**
 * The registry entry called `name`.
 *
 * @throws {@link ModelError} `UNKNOWN_MODEL` listing the known names
 */
export function getModelEntry(name: string): ModelEntry {
  const entry = MODEL_REGISTRY.get(name);
  if (!entry) {
    throw new ModelError(
      'UNKNOWN_MODEL',
      `There is no model called '${name}'; choose one of ${listModels().join(', ')}.`,
    );
  }
  return entry;
}
