import type { ModelConfig, TrainingState } from '@makemore/train';

const count = (n: number) => n.toLocaleString('en-US');

// The split the best checkpoint was chosen on: val, or test when the run had no validation split.
function bestLoss(state: TrainingState): string | null {
  if (state.best === null) return null;
  const at = state.history.evals.find((e) => e.step === state.best!.step);
  const split = at !== undefined && at.val === null ? 'test' : 'val';
  return `best ${split} loss ${state.best.loss.toFixed(4)} at step ${count(state.best.step)}`;
}

/**
 * One line about a loaded model for the page, e.g. `mlp model, 28 tokens, 11,897 parameters, trained
 * on 8,422 items of first-names; 100 steps, best val loss 2.3456 at step 100`.
 *
 * @param config - its config.json
 * @param parameters - trainable parameters (a count model: the entries of its table)
 * @param state - its training-state.json, when the directory has a readable one
 * @returns the line
 */
export function modelSummary(config: ModelConfig, parameters: number, state: TrainingState | null): string {
  const { data } = config;
  const lowercased = data.lowercase === true ? ' (lower-cased)' : '';
  const parts = [
    `${config.model} model, ${count(config.vocab.size)} tokens, ${count(parameters)} parameters, trained on ${count(data.items)} items of ${data.source}${lowercased}`,
  ];
  if (state !== null) {
    const best = bestLoss(state);
    parts.push(`${count(state.step)} steps${best === null ? '' : `, ${best}`}`);
  }
  return parts.join('; ');
}
