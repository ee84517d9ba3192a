import { listModels } from '@makemore/models';
import { COUNT_MODELS } from './count/count-model-names.js';

/** Every model type a model directory may hold: the count models, then the neural registry. */
export function knownModelTypes(): string[] {
  return [...COUNT_MODELS, ...listModels()];
}
