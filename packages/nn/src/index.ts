/**
 * `@makemore/nn`: modules with named parameters and state dicts, the layers of the makemore lectures
 * (Embedding, Linear, BatchNorm1d, FlattenConsecutive, attention, a causal bag of words, RNN, GRU and
 * LSTM cells, ...), losses, initialisers, optimizers (SGD, AdamW) with serialisable state,
 * learning-rate schedules and gradient clipping — all on `@makemore/tensor`, in Node and in the browser.
 *
 * @packageDocumentation
 */
export { clipGradNorm } from './clip.js';
export {
  calculateGain,
  type FloatDType,
  type InitOptions,
  kaimingNormal,
  type Nonlinearity,
  pytorchLinearUniform,
  scaledNormal,
} from './init.js';
export { GELU, ReLU, Tanh } from './layers/activations.js';
export { CausalSelfAttention, type CausalSelfAttentionOptions } from './layers/attention.js';
export { BatchNorm1d, type BatchNormOptions } from './layers/batch-norm.js';
export { BoWBlock, type BoWBlockOptions } from './layers/bow-block.js';
export { CausalBoW } from './layers/causal-bow.js';
export { Dropout, type DropoutOptions } from './layers/dropout.js';
export { Embedding } from './layers/embedding.js';
export { Flatten, FlattenConsecutive } from './layers/flatten-consecutive.js';
export { LayerNorm, type LayerNormOptions } from './layers/layer-norm.js';
export { Linear, type LinearOptions } from './layers/linear.js';
export { LSTMCell, type LSTMState } from './layers/lstm-cell.js';
export { GRUCell, type RecurrentCell, RNNCell } from './layers/recurrent-cells.js';
export { type LayerModule, Sequential } from './layers/sequential.js';
export { TransformerBlock } from './layers/transformer-block.js';
export { type CrossEntropyLossOptions, crossEntropyLoss } from './loss.js';
export { type Layer, type LoadStateDictOptions, Module, type TensorValues } from './module.js';
export { NnError, type NnErrorCode } from './nn-error.js';
export { AdamW, type AdamWOptions } from './optim/adamw.js';
export {
  type NamedParameter,
  Optimizer,
  type OptimizerState,
  type OptimizerStateValues,
} from './optim/optimizer.js';
export { SGD, type SGDOptions } from './optim/sgd.js';
export type { ActivationProbe } from './probe.js';
export {
  type ConstantSchedule,
  type CosineSchedule,
  type LrSchedule,
  learningRateAt,
  type StepSchedule,
  validateLrSchedule,
} from './schedule.js';
