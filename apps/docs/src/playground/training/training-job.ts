import { getModelEntry } from '@makemore/models';
import { countModel } from './count-training.js';
import { postingFailure, unknownModelProblem } from './job-problems.js';
import { trainNeuralModel } from './neural-training.js';
import { isCountedModel } from './playground-recipes.js';
import type { DoneMessage, TrainRequest, WorkerMessage } from './protocol.js';
import { RunControls } from './run-controls.js';
import { loadTrainingData } from './training-data.js';
import { TrainingDevices } from './training-devices.js';

/** What a job runs with besides its request. */
export interface TrainingJobOptions {
  /** Pause, Resume and Stop (default: a fresh set nobody else holds). */
  controls?: RunControls | undefined;
  /** The worker's backends (default: one CPU thread, no isolation). */
  devices?: TrainingDevices | undefined;
}

/** Why a request cannot run, before anything is loaded; null when it can. */
function requestProblem(request: TrainRequest): string | null {
  const unknown = unknownModelProblem(request.model);
  if (unknown !== null) return unknown;
  if (!(Number.isSafeInteger(request.samples) && request.samples >= 0)) {
    return `The number of samples must be a whole number of at least 0, not ${request.samples}.`;
  }
  return null;
}

/**
 * Runs one training request, as the worker does, in plain code (no Worker globals, so Node tests run
 * it): loads and splits the data as `makemore train` would, picks the device, counts a count model
 * or trains a registry model with @makemore/train's loop, and posts the protocol's messages. It never
 * throws: a failure becomes one `error` message.
 *
 * @param request - the page's request
 * @param post - sends a message to the page
 * @param options - the run's controls and the worker's devices
 * @returns the done message, or null when the run failed (an `error` message was posted)
 */
export async function runTrainingJob(
  request: TrainRequest,
  post: (message: WorkerMessage) => void,
  options: TrainingJobOptions = {},
): Promise<DoneMessage | null> {
  const controls = options.controls ?? new RunControls();
  const devices = options.devices ?? new TrainingDevices({ crossOriginIsolated: false });
  return postingFailure(post, requestProblem(request), async () => {
    if (isCountedModel(request.model)) {
      // As `makemore train --model bigram` by default: every item counted, as the lecture counts names.txt.
      return await countModel(request, await loadTrainingData(request.data, request.seed, 'none'), post);
    }
    const scheme = getModelEntry(request.model).recipe.split;
    const data = await loadTrainingData(request.data, request.seed, scheme);
    const device = await devices.select(request.device, request.threads);
    return await trainNeuralModel(request, data, device, controls, post);
  });
}
