import type { TrainingRecipe } from '@makemore/models';
import type { NoveltyReport } from '@makemore/sampling';
import type { DiagnosticsRecord, LrFindPoint, LrFindResult } from '@makemore/train';
import type { DataChoice } from '../data.js';
import type { DeviceChoice } from '../device-choices.js';

// The messages between the playground page and its training worker. Both sides import these types,
// so a message the worker sends and the page does not handle (or the reverse) is a compile error.
// Every message is structured-cloneable: plain objects, numbers, strings and Uint8Arrays.

/** The recipe fields the page lets a learner edit; the rest come from the model's recipe. */
export type EditableRecipe = Pick<TrainingRecipe, 'steps' | 'lr' | 'lrDecayAt' | 'batchSize' | 'evalEvery'>;

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
  /**
   * Record the part-3 lecture's diagnostics (activation and gradient statistics per layer, the
   * saturation map, update-to-data ratios) on the step of each evaluation and post them as
   * {@link DiagnosticsMessage}s (default false). Count models ignore it.
   */
  diagnostics?: boolean | undefined;
}

/**
 * Page → worker: the part-2 lecture's learning-rate sweep (`makemore lr-find`) of a registry model
 * from fresh weights, its rate growing exponentially from `from` to `to` over `steps` steps.
 * Pause, Resume and Stop control it as they control a training.
 */
export interface LrFindRequest {
  type: 'lr-find';
  /** A registry model (`mlp`, `mlp-bn`, ...); the count models have no learning rate. */
  model: string;
  /** Hyperparameter values by name; absent ones take the model's defaults. */
  hyperparameters: Record<string, number>;
  /** The items; the sweep trains on the training split, split as a training would split them. */
  data: DataChoice;
  /** Seed of the split, the initial weights and the batches. */
  seed: number;
  /** The first learning rate (the lecture's 1e-3). */
  from: number;
  /** The last learning rate (the lecture's 1). */
  to: number;
  /** Steps of the sweep, one rate each (the lecture's 1000). */
  steps: number;
  /** Examples per step (absent: the model's recipe's). */
  batchSize?: number | undefined;
  /** Where the tensors live. */
  device: DeviceChoice;
  /** Threads of the CPU backend's matmuls (see {@link TrainRequest.threads}). */
  threads: number;
}

/** Page → worker: control a running training or sweep. */
export type ControlRequest = { type: 'pause' } | { type: 'resume' } | { type: 'stop' };

/** Any page → worker message. */
export type PageMessage = TrainRequest | LrFindRequest | ControlRequest;

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

/**
 * Worker → page: the diagnostics of the step that led to an evaluation (only when the request asked
 * for them), posted just before that evaluation's {@link EvalMessage}.
 */
export interface DiagnosticsMessage {
  type: 'diagnostics';
  /** Steps completed (the same as the evaluation's that follows). */
  step: number;
  /** Per layer activation and gradient moments and histograms, saturation; per parameter update-to-data. */
  record: DiagnosticsRecord;
}

/** Worker → page: a learning-rate sweep's progress, every few steps. */
export interface LrFindStepMessage {
  type: 'lr-find-step';
  /** Steps done so far. */
  step: number;
  /** Steps the sweep takes unless the loss blows up first. */
  steps: number;
  /** Each step's rate, batch loss and smoothed loss since the last LrFindStepMessage, in order. */
  points: LrFindPoint[];
}

/** Worker → page: the sweep ended (its last step, a blow-up, or Stop), with what it found. */
export interface LrFindDoneMessage {
  type: 'lr-find-done';
  /** Every point, the suggested rate (null when the loss never fell far enough), minimum and steepest. */
  result: LrFindResult;
  /** Seconds the sweep took (pauses left out). */
  seconds: number;
}

/** Worker → page: the run (a training or a sweep) is paused or running again. */
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
  /**
   * The model directory `makemore sample --model-dir` reads: `config.json`, `model.safetensors`,
   * `training-state.json`, and `diagnostics.json` when the run recorded diagnostics.
   */
  files: Record<string, Uint8Array>;
}

/** Worker → page: the run (a training or a sweep) failed; one sentence for the page. */
export interface ErrorMessage {
  type: 'error';
  message: string;
}

/** Any worker → page message. */
export type WorkerMessage =
  | DeviceMessage
  | StartMessage
  | StepMessage
  | DiagnosticsMessage
  | EvalMessage
  | PausedMessage
  | DoneMessage
  | LrFindStepMessage
  | LrFindDoneMessage
  | ErrorMessage;
