/**
 * `@makemore/models`: the registry of makemore's neural models — bigram-nn, mlp, mlp-bn, wavenet,
 * rnn, gru, lstm, bow and transformer — each with its parameter count, default hyperparameters,
 * default training recipe and data format, and an adapter to `@makemore/sampling`'s `LanguageModel`;
 * their titles, sources and hyperparameters' help are apart, in `MODEL_DOCS`.
 *
 * @packageDocumentation
 */
export { CharModel } from './char-model.js';
export {
  buildDataset,
  buildSequences,
  type DataFormat,
  longestItemLength,
  type ModelDataset,
} from './data-format.js';
export { describeRange, inRange } from './hyperparameter-range.js';
export { type ResolveContext, resolveHyperparameters } from './hyperparameters.js';
export { asLanguageModel, withEvalMode } from './language-model.js';
export { getModelDocs, MODEL_DOCS, type ModelDocs } from './model-docs.js';
export type {
  HyperparameterSpec,
  HyperparameterSpecs,
  Hyperparameters,
  HyperparameterValues,
  ModelContext,
  ModelEntry,
  PublishedParameterCount,
  TrainingRecipe,
  TrainingRecipeOverrides,
} from './model-entry.js';
export { ModelError, type ModelErrorCode } from './model-error.js';
export { BigramNN, type BigramNNHyperparameters, bigramNN } from './models/bigram-nn.js';
export { BoW, type BoWHyperparameters, bow } from './models/bow.js';
export { LSTMModel, lstm } from './models/lstm.js';
export { MLP, type MlpHyperparameters, type MlpInit, mlp } from './models/mlp.js';
export { MLPBatchNorm, mlpBn } from './models/mlp-bn.js';
export { PositionalModel } from './models/positions.js';
export { MAKEMORE_RECIPE } from './models/recipes.js';
export {
  type CellType,
  gru,
  type RecurrentHyperparameters,
  RecurrentModel,
  RecurrentNetwork,
  rnn,
  type SteppingCell,
} from './models/recurrent.js';
export { Transformer, type TransformerHyperparameters, transformer } from './models/transformer.js';
export { WaveNet, type WaveNetHyperparameters, wavenet } from './models/wavenet.js';
export { PUBLISHED_PARAMETER_COUNTS } from './published-counts.js';
export { getModelEntry, listModels, MODEL_REGISTRY } from './registry.js';
