import { getModelEntry, listModels } from '@makemore/models';
import { COUNT_BIGRAM, COUNT_MODELS, COUNT_NGRAM } from './count-model-names.js';

/** Every name `--model` accepts: the count models, then the neural models of the registry. */
export function modelNames(): string[] {
  return [...COUNT_MODELS, ...listModels()];
}

/** One line per model for `--help`: its name and what it is. */
export function modelHelp(): string {
  const rows = [
    [COUNT_BIGRAM, 'count-based bigram with add-alpha smoothing (lecture 1)'],
    [COUNT_NGRAM, 'count-based n-gram with add-alpha smoothing, no backoff (the lecture exercise)'],
    ...listModels().map((name) => [name, getModelEntry(name).title]),
  ];
  const width = Math.max(...rows.map(([name]) => name!.length));
  return rows.map(([name, title]) => `  ${name!.padEnd(width)}  ${title}`).join('\n');
}
