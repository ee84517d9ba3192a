/**
 * `@makemore/models`: the registry of makemore's neural models — bigram-nn, mlp, mlp-bn, wavenet,
 * rnn, gru, lstm, bow and transformer — each with its source, parameter count, default hyperparameters,
 * default training recipe and data format, and an adapter to `@makemore/sampling`'s `LanguageModel`.
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
export { type ResolveContext, resolveHyperparameters } from './hyperparameters.js';
export { asLanguageModel, withEvalMode } from './language-model.js';
export type {
  HyperparameterSpec,
  Hyperparameters,
  ModelContext,
  ModelEntry,
  PublishedParameterCount,
  TrainingRecipe,
  TrainingRecipeOverrides,
} from './model-entry.js';
export { ModelError, type ModelErrorCode } from './model-error.js';
export { BigramNN, bigramNN } from './models/bigram-nn.js';
export { BoW, bow } from './models/bow.js';
export { LSTMModel, lstm } from './models/lstm.js';
export { MLP, mlp } from './models/mlp.js';
export { MLPBatchNorm, mlpBn } from './models/mlp-bn.js';
export { type CellType, gru, MAKEMORE_RECIPE, RecurrentModel, rnn } from './models/recurrent.js';
export { Transformer, transformer } from './models/transformer.js';
export { WaveNet, wavenet } from './models/wavenet.js';
export { getModelEntry, listModels, MODEL_REGISTRY } from './registry.js';
