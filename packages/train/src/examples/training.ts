import { fingerprintItems, loadEmbeddedDataset, splitItems, Vocab } from '@makemore/data';
import { generate } from '@makemore/sampling';
import {
  createTrainingRun,
  isResumable,
  loadModelDirectory,
  resumeTrainingRun,
  type TrainingEvent,
} from '../index.js';

// A few hundred names, split 80/10/10 as in the lecture.
const items = loadEmbeddedDataset('first-names').slice(0, 500);
const split = splitItems(items, { seed: 42 });
const vocab = Vocab.fromItems(items);
const data = { source: 'first-names', fingerprint: await fingerprintItems(items), items: items.length };

// Train a registered model with overrides; stop (as on Ctrl-C) halfway. The loop saves first.
let files = new Map<string, Uint8Array>();
const save = async (checkpoint: Map<string, Uint8Array>) => {
  files = checkpoint; // the CLI writes these atomically into the model directory
};
const controller = new AbortController();
const onEvent = (event: TrainingEvent) => {
  if (event.event === 'step' && event.step === 100) controller.abort();
};
const run = createTrainingRun({
  model: 'mlp-bn',
  hyperparameters: { nHidden: 32 },
  recipe: { steps: 200, evalEvery: 50 },
  split,
  vocab,
  data,
});
const stopped = await run.train({ onEvent, save, signal: controller.signal });
console.log(stopped.cancelled, stopped.steps, isResumable(files)); // true 100 true

// Resume: model, optimizer, step and RNG state come back, so the loss curve continues exactly.
const done = await resumeTrainingRun(files, { split, data }).train({ save });
console.log(done.steps, done.val! < Math.log(vocab.size)); // 200 true

// Load the model directory (best validation weights) for sampling.
const { config, languageModel } = loadModelDirectory(files);
const words = await generate(languageModel, { count: 5, seed: 7 });
console.log(config.model, words.length); // mlp-bn 5
