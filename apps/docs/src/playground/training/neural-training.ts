import { Vocab } from '@makemore/data';
import { setDefaultBackend } from '@makemore/tensor';
import {
  CONFIG_FILE,
  createTrainingRun,
  DIAGNOSTICS_FILE,
  TRAINING_STATE_FILE,
  type TrainingEvent,
  type TrainingRun,
  WEIGHTS_FILE,
} from '@makemore/train';
import { playgroundRecipe } from './playground-recipes.js';
import type {
  DiagnosticsMessage,
  DoneMessage,
  EditableRecipe,
  TrainRequest,
  WorkerMessage,
} from './protocol.js';
import type { RunControls } from './run-controls.js';
import { sampleReport } from './sample-report.js';
import { StepReporter } from './step-reporter.js';
import type { TrainingData } from './training-data.js';
import type { TrainingDevice } from './training-devices.js';

/**
 * Rows of each split read by the evaluations during training, so that a big model's evaluation does
 * not stall the curve; the final losses of the done message read every row.
 */
export const EVAL_ROWS = 4096;

/** The files of a model directory `makemore sample --model-dir` reads, with the split's seed for novelty marks. */
const MODEL_DIRECTORY_FILES = [CONFIG_FILE, WEIGHTS_FILE, TRAINING_STATE_FILE] as const;

/**
 * The recipe changes of a request over the playground's defaults; fields left out (or undefined) keep
 * the {@link playgroundRecipe}.
 */
function recipeOf(request: TrainRequest): EditableRecipe {
  const given = Object.fromEntries(Object.entries(request.recipe).filter(([, value]) => value !== undefined));
  return { ...playgroundRecipe(request.model), ...given };
}

/**
 * Trains a registry model with @makemore/train's loop, the one `makemore train` runs, on the chosen
 * device, posting start, batched steps, evaluations with samples, pause/resume and done.
 *
 * @param request - the page's request
 * @param data - the items, split with the model's scheme
 * @param device - where the tensors live
 * @param controls - Pause, Resume and Stop
 * @param post - sends a message to the page
 * @returns the done message (also posted)
 * @throws ModelError / TrainingError for a bad hyperparameter, recipe value or a diverging loss
 */
export async function trainNeuralModel(
  request: TrainRequest,
  data: TrainingData,
  device: TrainingDevice,
  controls: RunControls,
  post: (message: WorkerMessage) => void,
): Promise<DoneMessage> {
  // As `makemore train --device` does: weights, batches and samples are all created on the device.
  setDefaultBackend(device.selection.backend);
  const run = createTrainingRun({
    model: request.model,
    hyperparameters: request.hyperparameters,
    recipe: { ...recipeOf(request), split: data.scheme },
    split: data.split,
    vocab: Vocab.fromItems(data.items),
    data: data.info,
    seed: request.seed,
  });
  try {
    post(device.message);
    const { split } = data;
    post({
      type: 'start',
      model: request.model,
      parameters: run.model.numParameters(),
      hyperparameters: { ...run.hyperparameters },
      recipe: { ...run.recipe },
      rows: { train: split.train.length, val: split.val.length, test: split.test.length },
    });
    return await train(run, request, data, controls, post);
  } finally {
    // gpu.js tensors hold GL textures, which the garbage collector does not free.
    run.optimizer.dispose();
    run.model.dispose();
  }
}

async function train(
  run: TrainingRun,
  request: TrainRequest,
  data: TrainingData,
  controls: RunControls,
  post: (message: WorkerMessage) => void,
): Promise<DoneMessage> {
  const now = () => controls.activeNow();
  const steps = new StepReporter(run.recipe.steps, post, now);
  // The loop reports a step's diagnostics before the step itself; the page gets them after the steps,
  // just before the evaluation they belong to, as the protocol orders them.
  let diagnostics: DiagnosticsMessage | null = null;
  const onEvent = async (event: TrainingEvent) => {
    if (event.event === 'step') {
      steps.add(event);
      await controls.hold(
        () => {
          steps.flush();
          post({ type: 'paused', step: event.step });
        },
        () => post({ type: 'resumed', step: event.step }),
      );
    } else if (event.event === 'diagnostics') {
      diagnostics = { type: 'diagnostics', step: event.step, record: event.record };
    } else if (event.event === 'eval') {
      steps.flush();
      if (diagnostics !== null) post(diagnostics);
      diagnostics = null;
      const samples = await sampleReport(run.languageModel(), data.split, request.samples, request.seed);
      post({ type: 'eval', step: event.step, train: event.train, val: event.val, samples });
    }
  };
  const done = await run.train({
    logEvery: 1,
    evalRows: EVAL_ROWS,
    signal: controls.signal,
    now,
    onEvent,
    diagnostics: request.diagnostics === true,
  });
  steps.flush();
  const files = await run.checkpointFilesAsync();
  // With diagnostics on, `diagnostics.json` goes with the model, so `makemore plot --model-dir` draws them.
  const names = files.has(DIAGNOSTICS_FILE)
    ? [...MODEL_DIRECTORY_FILES, DIAGNOSTICS_FILE]
    : MODEL_DIRECTORY_FILES;
  const message: DoneMessage = {
    type: 'done',
    stopped: done.cancelled,
    steps: done.steps,
    train: done.train,
    val: done.val,
    test: done.test,
    seconds: done.seconds,
    files: Object.fromEntries(names.map((name) => [name, files.get(name)!])),
  };
  post(message);
  return message;
}
