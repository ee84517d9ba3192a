// What a page that trains a model in the browser imports: items in, a few training steps, words out.
// browser-bundle.test.ts bundles this file for the browser and holds its size to a budget.
import { fingerprintItems, splitItems, Vocab } from '@makemore/data';
import { generate } from '@makemore/sampling';
import { createTrainingRun, loadModelDirectory } from '@makemore/train';

export async function trainAndSample(
  items: string[],
  steps: number,
): Promise<{ steps: number; train: number; words: string[] }> {
  const vocab = Vocab.fromItems(items);
  const data = { source: 'page', fingerprint: await fingerprintItems(items), items: items.length };
  const run = createTrainingRun({
    model: 'mlp',
    hyperparameters: { nHidden: 16 },
    recipe: { steps, evalEvery: steps },
    split: splitItems(items, { seed: 42 }),
    vocab,
    data,
  });
  let files = new Map<string, Uint8Array>();
  const done = await run.train({
    save: async (checkpoint) => {
      files = checkpoint;
    },
  });
  const { languageModel } = loadModelDirectory(files);
  return {
    steps: done.steps,
    train: done.train,
    words: await generate(languageModel, { count: 5, seed: 1 }),
  };
}
