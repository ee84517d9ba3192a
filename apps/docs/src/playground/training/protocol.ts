import type { TrainingRecipe } from '@makemore/models';
import type { NoveltyReport } from '@makemore/sampling';
import type { DataChoice } from '../data.js';
import type { DeviceChoice } from '../device-choices.js';

// The messages between the playground page and its training worker. Both sides import these types,
// so a message the worker sends and the page does not handle (or the reverse) is a compile error.
// Every message is structured-cloneable: plain objects, numbers, strings and Uint8Arrays.

/** The recipe fields the page lets a learner edit; the rest come from the model's recipe. */
export type EditableRecipe = Pick<TrainingRecipe, 'steps' | 'lr' | 'batchSize' | 'evalEvery'>;

/** Page → worker: train one model from fresh weights. */
export interface TrainRequest {
  type: 'train';
  /** `bigram` (the count bigram) or a registry model (`mlp`, `gru`, `transformer`, ...). */
  model: string;
  /** Hyperparameter values by name (the registry's spec); absent ones take the model's defaults. */
  hyperparameters: Record<string, number>;
  /** Recipe overrides; absent ones take the model's recipe (see `playgroundRecipe`). */
  recipe: Partial<EditableRecipe>;
  /** The items: the built-in dataset, pasted lines or an uploaded file. */
  data: DataChoice;
  /** Seed of the split, the initial weights, the batches and the samples. */
  seed: number;
  /** Where the tensors live. Count models ignore it. */
  device: DeviceChoice;
  /**
   * Threads of the CPU backend's matmuls, the worker included; more than 1 only takes effect where
   * the page is cross-origin isolated (SharedArrayBuffer), else the worker says so and uses 1.
   */
  threads: number;
  /** Samples drawn (and marked new / in train / ...) at each evaluation. */
  samples: number;
}

/** Page → worker: control a running training. */
export type ControlRequest = { type: 'pause' } | { type: 'resume' } | { type: 'stop' };

/** Any page → worker message. */
export type PageMessage = TrainRequest | ControlRequest;

/** Worker → page: where the run trains, once before its start. */
export interface DeviceMessage {
  type: 'device';
  /** `cpu` or `gpu.js`. */
  kind: 'cpu' | 'gpu.js';
  /** gpu.js mode (`webgl2`, `webgl`, `webgpu`) or null on the CPU backend. */
  mode: string | null;
  /** Short label, e.g. `gpu.js webgl2` or `CPU backend`. */
  label: string;
  /** Why this device (the renderer or adapter the browser reports). */
  reason: string;
  /** Threads in use (1 unless cross-origin isolated and asked for more). */
  threads: number;
  /** Why the thread count differs from the request, if it does. */
  threadsNote: string | null;
}

/** Worker → page: the run is set up. */
export interface StartMessage {
  type: 'start';
  model: string;
  /** Trainable parameters (count models: table entries). */
  parameters: number;
  /** The complete hyperparameters in effect. */
  hyperparameters: Record<string, number>;
  /** The complete recipe in effect (null for count models). */
  recipe: TrainingRecipe | null;
  /** Items in each split. */
  rows: { train: number; val: number; test: number };
}

/** Worker → page: progress, every few steps. */
export interface StepMessage {
  type: 'step';
  step: number;
  /** Steps the run will take in all. */
  steps: number;
  /** Mini-batch losses of the steps since the last StepMessage, in order (for the curve). */
  losses: number[];
  /** Learning rate of the latest step. */
  lr: number;
  /** Steps per second so far (pauses excluded). */
  stepsPerSecond: number;
  /** Seconds left at that speed. */
  etaSeconds: number;
}

/** Worker → page: an evaluation, with samples of the model as it is now. */
export interface EvalMessage {
  type: 'eval';
  step: number;
  /** Mean loss on the training split (or its first rows). */
  train: number;
  /** Mean loss on the validation split, null when it is empty. */
  val: number | null;
  /** Samples drawn now, marked new or with the split they come from. */
  samples: NoveltyReport;
}

/** Worker → page: the run is paused or running again. */
export interface PausedMessage {
  type: 'paused' | 'resumed';
  step: number;
}

/** Worker → page: the run ended (all steps, or stopped); the weights trained so far are in `files`. */
export interface DoneMessage {
  type: 'done';
  /** Whether Stop ended it before its last step. */
  stopped: boolean;
  steps: number;
  /** Mean losses of the saved weights on each split (null when a split is empty). */
  train: number;
  val: number | null;
  test: number | null;
  seconds: number;
  /** The model directory `makemore sample --model-dir` reads: `config.json`, `model.safetensors`, ... */
  files: Record<string, Uint8Array>;
}

/** Worker → page: the run failed; one sentence for the page. */
export interface ErrorMessage {
  type: 'error';
  message: string;
}

/** Any worker → page message. */
export type WorkerMessage =
  | DeviceMessage
  | StartMessage
  | StepMessage
  | EvalMessage
  | PausedMessage
  | DoneMessage
  | ErrorMessage;
