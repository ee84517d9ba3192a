import { type Hyperparameters, type ModelEntry, ModelError, resolveHyperparameters } from '@makemore/models';
import { CheckpointError } from './checkpoint-error.js';
import type { ModelConfig } from './model-config.js';

/**
 * The complete hyperparameters of a model directory's `config.json`, checked against the entry's specs
 * (the same ranges that training and the CLI's flags apply), so that a hand-edited or damaged config is
 * reported as such rather than as weights that do not fit.
 *
 * @param entry - the registry entry of `config.model`
 * @param config - the validated config
 * @throws {@link CheckpointError} `BAD_CONFIG` naming the hyperparameter and its range
 */
export function configHyperparameters<H extends Hyperparameters>(
  entry: ModelEntry<H>,
  config: ModelConfig,
): H {
  try {
    return resolveHyperparameters(entry, config.hyperparameters);
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    throw new CheckpointError(
      'BAD_CONFIG',
      `config.json does not fit the ${entry.name} model: ${error.message} Restore the file or train the model again.`,
    );
  }
}
