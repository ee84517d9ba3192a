import { listModels } from '@makemore/models';
import { COUNT_MODELS } from './count-model-names.js';

/** Every name `--model` accepts: the count models, then the neural models of the registry. */
export function modelNames(): string[] {
  return [...COUNT_MODELS, ...listModels()];
}
