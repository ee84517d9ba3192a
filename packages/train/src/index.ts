/**
 * Training, evaluation and the checkpoint format of makemore-ts. No file-system code lives here: the
 * caller (the CLI, or a page in the browser) reads and writes the bytes.
 *
 * @packageDocumentation
 */
export { CheckpointError, type CheckpointErrorCode } from './checkpoint-error.js';
export {
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
export {
  decodeSafetensors,
  encodeSafetensors,
  type SafetensorsData,
  type SafetensorsDtype,
  type SafetensorsFile,
  type StoredTensor,
} from './safetensors.js';
