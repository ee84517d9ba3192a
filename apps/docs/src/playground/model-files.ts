import type { LanguageModel } from '@makemore/sampling';
import { CONFIG_FILE, loadModelDirectory, type ModelConfig } from '@makemore/train';
import { loadBigramFiles } from './bigram.js';

/** A model read from uploaded files. */
export interface LoadedFiles {
  /** The validated config. */
  config: ModelConfig;
  /** The model, ready to sample. */
  model: LanguageModel;
  /** One line about it, for the page. */
  summary: string;
  /** Frees a neural model's tensors (GL textures on the gpu.js backend); the model is unusable after. */
  dispose(): void;
}

// Which loader to use; both validate the whole config themselves.
function recordedModel(files: ReadonlyMap<string, Uint8Array>): unknown {
  try {
    return (JSON.parse(new TextDecoder().decode(files.get(CONFIG_FILE))) as { model?: unknown }).model;
  } catch {
    return undefined;
  }
}

/**
 * Reads a model directory of any type the CLI writes: the count bigram, or a neural model of the
 * registry (through `@makemore/train`, as `makemore sample` does), whose tensors are created on the
 * tensor core's default backend (the device the page trained on last).
 *
 * @param files - file name → bytes: at least `config.json` and `model.safetensors`
 * @returns the model and a summary
 * @throws CheckpointError when a file is missing or damaged
 */
export function loadModelFiles(files: ReadonlyMap<string, Uint8Array>): LoadedFiles {
  let config: ModelConfig;
  let model: LanguageModel;
  // The count bigram is plain arrays: nothing to free.
  let dispose = () => {};
  if (recordedModel(files) === 'bigram') {
    const loaded = loadBigramFiles(files);
    config = loaded.directory.config;
    model = loaded.model;
  } else {
    const loaded = loadModelDirectory(files);
    config = loaded.config;
    model = loaded.languageModel;
    dispose = () => loaded.model.dispose();
  }
  return {
    config,
    model,
    dispose,
    summary: `${config.model} model, ${config.vocab.size} tokens, trained on ${config.data.items} items of ${config.data.source}`,
  };
}
