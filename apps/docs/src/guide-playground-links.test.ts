import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { playgroundModels } from './playground/training/playground-recipes.js';

// The guide's chapters link to the playground with their model preselected; a renamed model must not
// leave a chapter pointing at a playground that falls back to the MLP.
const guideDir = fileURLToPath(new URL('../../../docs/guide', import.meta.url));
const listed = playgroundModels().map((m) => m.name);
const guidePages = readdirSync(guideDir).filter((name) => name.endsWith('.md'));
// The chapters of the lectures' models, each with a "Try it" link to its model in the playground.
const modelChapters = [
  'counting-bigrams.md',
  'probabilities-and-sampling.md',
  'likelihood-and-smoothing.md',
  'neural-bigram.md',
  'mlp.md',
  'mini-batches.md',
  'deeper-models.md',
  'batchnorm.md',
  'wavenet.md',
  'rnn-gru.md',
  'transformer.md',
];

function playgroundLinks(name: string): string[] {
  const text = readFileSync(join(guideDir, name), 'utf8');
  return [...text.matchAll(/\]\(\/playground\?model=([^)\s#&]+)\)/g)].map((m) => m[1] as string);
}

describe("the guide chapters' playground links", () => {
  it.each(modelChapters)('%s links to the playground with its model preselected', (name) => {
    expect(guidePages).toContain(name);
    expect(
      playgroundLinks(name),
      `${name} has no "Try it: [...](/playground?model=<name>)" link`,
    ).not.toEqual([]);
  });

  it.each(guidePages)('every playground link of %s names a model the playground lists', (name) => {
    for (const model of playgroundLinks(name)) expect(listed).toContain(model);
  });
});
