import type { Hyperparameters, TrainingRecipe } from '@makemore/models';
import type { DiagnosticsRecord } from '../diagnostics/diagnostics-format.js';

/** Sent once before the first step. */
export interface StartEvent {
  event: 'start';
  /** Registry name of the model. */
  model: string;
  /** Trainable parameters. */
  parameters: number;
  /** Complete model hyperparameters. */
  hyperparameters: Hyperparameters;
  /** The recipe in effect (defaults plus overrides). */
  recipe: TrainingRecipe;
  /** Step the run starts from (0, or the checkpoint's step when resumed). */
  step: number;
  /** Whether the run continues a checkpoint. */
  resumed: boolean;
  /** Examples in each split. */
  rows: { train: number; val: number; test: number };
}

/** Sent every `logEvery` steps. */
export interface StepEvent {
  event: 'step';
  /** Steps completed. */
  step: number;
  /** Training loss of this step's batch (what the optimizer minimised). */
  loss: number;
  /** Learning rate used for this step. */
  lr: number;
  /** Seconds since this run started (not counting earlier runs of a resumed training). */
  seconds: number;
  /** Steps per second over this run so far. */
  stepsPerSecond: number;
}

/** Sent every `evalEvery` steps and at the end. */
export interface EvalEvent {
  event: 'eval';
  /** Steps completed. */
  step: number;
  /** Mean loss on (up to `evalRows` of) the training split. */
  train: number;
  /** Mean loss on the validation split, or null when it is empty (makemore's split). */
  val: number | null;
  /**
   * The split the best checkpoint is chosen on: `val`, or `test` when there is no validation split,
   * or `train` when there are no held-out items at all (split `'none'`).
   */
  selectOn: 'val' | 'test' | 'train';
  /** The loss on `selectOn`. */
  selectLoss: number;
  /** Whether this is the best so far (its weights become `model.safetensors`). */
  best: boolean;
  /** Seconds since this run started. */
  seconds: number;
}

/**
 * Sent just before each `eval` event when `train()` was asked for diagnostics: the statistics of
 * the layers and parameters on the batch of the step that led to the evaluation.
 */
export interface DiagnosticsEvent {
  event: 'diagnostics';
  /** Steps completed (the same as the `eval` event's that follows). */
  step: number;
  /** What was recorded; also appended to `diagnostics.json` in the checkpoint. */
  record: DiagnosticsRecord;
}

/** Sent after the caller's `save` resolved. */
export interface CheckpointEvent {
  event: 'checkpoint';
  /** Steps completed at the checkpoint. */
  step: number;
  /** Why it was written. */
  reason: 'eval' | 'end' | 'cancel';
}

/** Sent when training stops on a non-finite loss, before the {@link TrainingError} is thrown. */
export interface ErrorEvent {
  event: 'error';
  /** The error's code. */
  code: string;
  /** The error's message. */
  message: string;
  /** Steps completed before the failure. */
  step: number;
}

/** Sent once at the end (also after a cancel): the losses of the saved (best) weights on every split. */
export interface DoneEvent {
  event: 'done';
  /** Mean loss on the whole training split. */
  train: number;
  /** Mean loss on the whole validation split (null when empty). */
  val: number | null;
  /** Mean loss on the whole test split (null when empty). */
  test: number | null;
  /** Steps completed in total. */
  steps: number;
  /** Seconds this run took (training and evaluation). */
  seconds: number;
  /** Training steps per second in this run. */
  stepsPerSecond: number;
  /** Step whose weights were saved as the best. */
  bestStep: number;
  /** Whether the run stopped early because the signal aborted. */
  cancelled: boolean;
}

/**
 * What the loop reports, as plain JSON-serialisable objects (`JSON.stringify(event)` gives one line of
 * `--json` output). Switch on `event`.
 */
export type TrainingEvent =
  | StartEvent
  | StepEvent
  | DiagnosticsEvent
  | EvalEvent
  | CheckpointEvent
  | ErrorEvent
  | DoneEvent;
