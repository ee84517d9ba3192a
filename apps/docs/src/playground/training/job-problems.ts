import { MODEL_REGISTRY } from '@makemore/models';
import { isCountedModel, playgroundModels } from './playground-recipes.js';
import type { ErrorMessage } from './protocol.js';

// What the worker's jobs (a training, a learning-rate sweep) tell the page when they cannot run.

/**
 * Why `model` names no model the playground trains, in one sentence; null when it names one.
 *
 * @param model - the request's model
 */
export function unknownModelProblem(model: string): string | null {
  if (isCountedModel(model) || MODEL_REGISTRY.has(model)) return null;
  const names = playgroundModels().map((m) => m.name);
  return `There is no model called '${model}'; choose one of ${names.join(', ')}.`;
}

/** One sentence for the page: the error's own message (the packages' errors are written as one). */
function sentenceOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.trim() || 'Training failed for an unknown reason; reload the page and try again.';
}

/**
 * Runs a job so that it never throws: a problem found before it starts, or anything the job throws,
 * becomes one `error` message with the sentence for the page.
 *
 * @param post - sends the error message to the page
 * @param problem - why the request cannot run (checked before anything is loaded), or null
 * @param job - the job
 * @returns what the job returned, or null when it failed
 */
export async function postingFailure<T>(
  post: (message: ErrorMessage) => void,
  problem: string | null,
  job: () => Promise<T>,
): Promise<T | null> {
  try {
    if (problem !== null) throw new Error(problem);
    return await job();
  } catch (error) {
    post({ type: 'error', message: sentenceOf(error) });
    return null;
  }
}
