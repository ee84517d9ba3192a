// What a page that samples through the one-call API imports: `loadModel` takes every model type, so
// the count models come along. browser-bundle.test.ts bundles this file and holds it to a budget.
import { loadModel } from '@makemore/train';

export async function sample(files: ReadonlyMap<string, Uint8Array>, count: number): Promise<string[]> {
  return (await loadModel(files).sample({ count, seed: 1 })).items;
}
