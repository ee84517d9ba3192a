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
export { type DiagnoseBatchOptions, diagnoseBatch } from './diagnostics/diagnose-batch.js';
export {
  DEFAULT_HISTOGRAM_BINS,
  DIAGNOSTICS_FILE,
  DIAGNOSTICS_FORMAT,
  DIAGNOSTICS_VERSION,
  type DiagnosticsFile,
  type DiagnosticsRecord,
  encodeDiagnostics,
  type Histogram,
  type LayerDiagnostics,
  type Moments,
  type ParameterDiagnostics,
  parseDiagnostics,
  SATURATION_MAP_ROWS,
  SATURATION_THRESHOLD,
} from './diagnostics/diagnostics-format.js';
export { type DiagnosticsSummary, summarizeDiagnostics } from './diagnostics/diagnostics-summary.js';
export {
  type DiagnosticsOptions,
  type DiagnosticsRecorder,
  type StepInfo,
  startDiagnostics,
} from './diagnostics/recorder.js';
export { fractionAbove, histogram, moments } from './diagnostics/statistics.js';
export { type LoadedModel, loadModelDirectory } from './load-model.js';
export { type Batch, gatherRows, randomBatch, rangeBatch } from './loop/batches.js';
export { type EvaluateOptions, evaluateLoss, evaluateLossAsync } from './loop/evaluate.js';
export type {
  CheckpointEvent,
  DiagnosticsEvent,
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
  findLearningRate,
  type LrFindOptions,
  type LrFindProgress,
  type LrFindResult,
  type LrFindStop,
} from './lr-find/find-learning-rate.js';
export { DEFAULT_SMOOTHING, MovingAverage, smoothLosses } from './lr-find/smoothing.js';
export {
  type LrFindMark,
  type LrFindPoint,
  SUGGESTION_MARGIN_DECADES,
  smoothedMinimum,
  steepestDescent,
  suggestLearningRate,
} from './lr-find/suggest.js';
export { MAX_SWEEP_STEPS, sweepLearningRate } from './lr-find/sweep.js';
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
