import { describeRange, type HyperparameterSpecs, inRange } from '@makemore/models';
import {
  COUNT_BIGRAM,
  encodeModelDirectory,
  loadCountModel,
  splitLosses,
  trainCountModel,
} from '@makemore/train';
import { hyperparameterSpecs } from './playground-recipes.js';
import type { DoneMessage, TrainRequest, WorkerMessage } from './protocol.js';
import { sampleReport } from './sample-report.js';
import type { TrainingData } from './training-data.js';

/**
 * The count model's hyperparameters: the request's values over the defaults, each checked against
 * its range with the registry's wording, so a bad value reads like the CLI's.
 *
 * @param model - `bigram` or `ngram`
 * @param given - the request's values
 * @throws Error naming an unknown hyperparameter or the range of one out of it
 */
export function resolveCountHyperparameters(
  model: string,
  given: Record<string, number>,
): Record<string, number> {
  const specs: HyperparameterSpecs = hyperparameterSpecs(model);
  for (const key of Object.keys(given)) {
    if (!(key in specs)) {
      throw new Error(
        `The model '${model}' has no hyperparameter '${key}'; it takes ${Object.keys(specs).join(', ')}.`,
      );
    }
  }
  const values: Record<string, number> = {};
  for (const [key, spec] of Object.entries(specs)) {
    const value = given[key] ?? spec.default;
    if (!inRange(spec, value)) {
      throw new Error(
        `The hyperparameter '${key}' of '${model}' must be ${describeRange(spec)}, got ${String(value)}.`,
      );
    }
    values[key] = value;
  }
  return values;
}

/**
 * Counts the bigram (or n-gram) as `makemore train --model bigram` does by default: every item
 * counted (split `none`), the `.` layout, and posts start, one evaluation with samples, and done with
 * the model directory the CLI reads (its config records the seed and split, for novelty marks).
 *
 * @param request - the page's request
 * @param data - the items, split with scheme `none`
 * @param post - sends a message to the page
 * @returns the done message
 */
export async function countModel(
  request: TrainRequest,
  data: TrainingData,
  post: (message: WorkerMessage) => void,
): Promise<DoneMessage> {
  const started = performance.now();
  const hyperparameters = resolveCountHyperparameters(request.model, request.hyperparameters);
  post({
    type: 'device',
    kind: 'cpu',
    mode: null,
    label: 'counting',
    reason: 'count models count characters in plain JavaScript; the device choice applies to neural models',
    threads: 1,
    threadsNote: request.threads > 1 ? 'counting runs on 1 thread' : null,
  });
  const directory = trainCountModel({
    model: request.model,
    n: hyperparameters['n'] ?? 2,
    split: data.split,
    scheme: data.scheme,
    items: data.items,
    data: data.info,
    layout: 'shared',
    smoothing: hyperparameters['smoothing']!,
    seed: request.seed,
  });
  const { split } = data;
  post({
    type: 'start',
    model: request.model,
    // The table entries: vocab × vocab counts for the bigram, contexts and counts for the n-gram.
    parameters: [...directory.weights.values()].reduce(
      (sum, t) => sum + t.shape.reduce((a, b) => a * b, 1),
      0,
    ),
    hyperparameters:
      request.model === COUNT_BIGRAM ? { smoothing: hyperparameters['smoothing']! } : hyperparameters,
    recipe: null,
    rows: { train: split.train.length, val: split.val.length, test: split.test.length },
  });
  const model = loadCountModel(directory);
  const losses = await splitLosses(model, split);
  const train = losses.train ?? Number.NaN;
  post({
    type: 'eval',
    step: 0,
    train,
    val: losses.val,
    samples: await sampleReport(model, split, request.samples, request.seed),
  });
  const done: DoneMessage = {
    type: 'done',
    stopped: false,
    steps: 0,
    train,
    val: losses.val,
    test: losses.test,
    seconds: (performance.now() - started) / 1000,
    files: Object.fromEntries(encodeModelDirectory(directory)),
  };
  post(done);
  return done;
}
