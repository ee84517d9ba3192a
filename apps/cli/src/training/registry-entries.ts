import { getModelDocs, getModelEntry, listModels } from '@makemore/models';
import type { DocumentedEntry } from './model-flags.js';

/** The registry's entries in its order, each with its docs: what `train` derives its flags and help from. */
export function registryEntries(): DocumentedEntry[] {
  return listModels().map((name) => ({ ...getModelEntry(name), docs: getModelDocs(name) }));
}
