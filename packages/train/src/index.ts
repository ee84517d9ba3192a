/**
 * Training, evaluation and the checkpoint format of makemore-ts. No file-system code lives here: the
 * caller (the CLI, or a page in the browser) reads and writes the bytes.
 *
 * @packageDocumentation
 */
export { loadModel } from './api/load.js';
export { Model, type SampleOptions, type Samples } from './api/model.js';
export { type TrainModelOptions, trainModel } from './api/train-model.js';
export { CheckpointError, type CheckpointErrorCode } from './checkpoint-error.js';
export { countModelSplit } from './count/count-bigram.js';
export { type CountModelRequest, loadCountModel, trainCountModel } from './count/count-model.js';
export {
  COUNT_BIGRAM,
  COUNT_MODEL_OPTIONS,
  COUNT_MODELS,
  COUNT_NGRAM,
  DEFAULT_NGRAM_ORDER,
  isCountModel,
} from './count/count-model-names.js';
export { type SplitLosses, splitLosses } from './count/split-losses.js';
export { type LoadedModel, loadModelDirectory } from './load-model.js';
export { type Batch, gatherRows, randomBatch, rangeBatch } from './loop/batches.js';
export { type EvaluateOptions, evaluateLoss, evaluateLossAsync } from './loop/evaluate.js';
export type {
  CheckpointEvent,
  DoneEvent,
  ErrorEvent,
  EvalEvent,
  StartEvent,
  StepEvent,
  TrainingEvent,
} from './loop/events.js';
export { createOptimizer, resolveRecipe, scheduleOf } from './loop/recipe.js';
export { TrainingError, type TrainingErrorCode } from './loop/training-error.js';
export {
  createTrainingRun,
  DEFAULT_SEED,
  type ResumeOptions,
  resumeTrainingRun,
  type TrainingRun,
  type TrainingSetup,
  type TrainOptions,
} from './loop/training-run.js';
export {
  type DataInfo,
  type HyperparameterValue,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  type ModelConfig,
  parseModelConfig,
  stringifyModelConfig,
} from './model-config.js';
export {
  CONFIG_FILE,
  decodeModelDirectory,
  encodeModelDirectory,
  type ModelDirectory,
  WEIGHTS_FILE,
} from './model-directory.js';
export { knownModelTypes } from './model-types.js';
export {
  decodeSafetensors,
  encodeSafetensors,
  type SafetensorsData,
  type SafetensorsDtype,
  type SafetensorsFile,
  type StoredTensor,
} from './safetensors.js';
export { storedToValues, tensorsToStored, tensorsToStoredAsync } from './stored-tensors.js';
export {
  decodeTrainingCheckpoint,
  encodeTrainingCheckpoint,
  isResumable,
  LAST_WEIGHTS_FILE,
  OPTIMIZER_FILE,
  TRAINING_STATE_FILE,
  type TrainingCheckpoint,
} from './training-checkpoint.js';
export {
  type EvalRecord,
  parseTrainingState,
  TRAINING_STATE_FORMAT,
  TRAINING_STATE_VERSION,
  type TrainingState,
} from './training-state.js';
