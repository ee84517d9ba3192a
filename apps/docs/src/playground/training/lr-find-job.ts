import { Vocab } from '@makemore/data';
import { getModelEntry } from '@makemore/models';
import { setDefaultBackend } from '@makemore/tensor';
import { findLearningRate } from '@makemore/train';
import { postingFailure, unknownModelProblem } from './job-problems.js';
import { LrFindReporter } from './lr-find-reporter.js';
import { isCountedModel } from './playground-recipes.js';
import type { LrFindDoneMessage, LrFindRequest, WorkerMessage } from './protocol.js';
import { RunControls } from './run-controls.js';
import { loadTrainingData } from './training-data.js';
import { TrainingDevices } from './training-devices.js';
import type { TrainingJobOptions } from './training-job.js';

/** Why a sweep cannot run, before anything is loaded; null when it can. */
function sweepProblem(request: LrFindRequest): string | null {
  const unknown = unknownModelProblem(request.model);
  if (unknown !== null) return unknown;
  if (isCountedModel(request.model)) {
    return `The ${request.model} model is counted, not trained with a learning rate; sweep a neural model such as mlp.`;
  }
  return null;
}

/**
 * Runs one learning-rate sweep, as the worker does, in plain code (Node tests run it): splits the
 * items as a training of the model would, picks the device, runs @makemore/train's
 * `findLearningRate` (the code `makemore lr-find` runs) with Pause, Resume and Stop, and posts the
 * device, batched `lr-find-step` messages and `lr-find-done` with the result. Stop ends the sweep
 * after its current step with the points so far. It never throws: a failure becomes one `error` message.
 *
 * @param request - the page's request
 * @param post - sends a message to the page
 * @param options - the run's controls and the worker's devices
 * @returns the done message, or null when the sweep failed (an `error` message was posted)
 */
export async function runLrFindJob(
  request: LrFindRequest,
  post: (message: WorkerMessage) => void,
  options: TrainingJobOptions = {},
): Promise<LrFindDoneMessage | null> {
  const controls = options.controls ?? new RunControls();
  const devices = options.devices ?? new TrainingDevices({ crossOriginIsolated: false });
  return postingFailure(post, sweepProblem(request), async () => {
    const data = await loadTrainingData(
      request.data,
      request.seed,
      getModelEntry(request.model).recipe.split,
    );
    const device = await devices.select(request.device, request.threads);
    // As for a training: the sweep's weights and batches are created on the device.
    setDefaultBackend(device.selection.backend);
    post(device.message);
    const now = () => controls.activeNow();
    const started = now();
    const reporter = new LrFindReporter(request.steps, post, now);
    const result = await findLearningRate({
      model: request.model,
      hyperparameters: request.hyperparameters,
      split: data.split,
      vocab: Vocab.fromItems(data.items),
      from: request.from,
      to: request.to,
      steps: request.steps,
      batchSize: request.batchSize,
      seed: request.seed,
      signal: controls.signal,
      onProgress: async (progress) => {
        reporter.add(progress);
        await controls.hold(
          () => {
            reporter.flush();
            post({ type: 'paused', step: progress.step });
          },
          () => post({ type: 'resumed', step: progress.step }),
        );
      },
    });
    reporter.flush();
    const message: LrFindDoneMessage = { type: 'lr-find-done', result, seconds: (now() - started) / 1000 };
    post(message);
    return message;
  });
}
