// What a page that only samples from a trained model imports: a model directory's files in, words
// out. browser-bundle.test.ts bundles this file for the browser and holds its size to a budget.
import { generate } from '@makemore/sampling';
import { loadModelDirectory } from '@makemore/train';

export async function sample(files: ReadonlyMap<string, Uint8Array>, count: number): Promise<string[]> {
  const { languageModel } = loadModelDirectory(files);
  return generate(languageModel, { count, seed: 1 });
}
