import { getModelEntry, listModels, type ModelEntry } from '@makemore/models';

/** The registry's entries in its order: what `train` derives its flags and help from. */
export function registryEntries(): ModelEntry[] {
  return listModels().map(getModelEntry);
}
