import { readFileSync } from 'node:fs';
import { Generator } from '@makemore/tensor';
import { expect, test } from 'vitest';
import { resolveHyperparameters } from './hyperparameters.js';
import type { ModelEntry } from './model-entry.js';
import { getModelEntry, listModels } from './registry.js';

// The README's model table states each model's parameter count on names.txt (V = 27; blockSize 16 for
// the sequence models, whose block size follows the data). Those figures are read here and checked
// against the models this package builds, so the table cannot drift from the code.
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const rows = [...readme.matchAll(/^\| `([a-z-]+)` +\|[^|]*\|[^|]*\| ([\d,]+)[^|]*\|/gm)].map(
  ([, name, count]) => [name!, Number(count!.replaceAll(',', ''))] as const,
);

// The "default hyperparameters" column, as the specs say it: `blockSize` 3, …, `blockSize` = longest + 1
// for a data-derived default, or "as `mlp`" for the same defaults as an earlier row.
const defaultsCells = new Map(
  [...readme.matchAll(/^\| `([a-z-]+)` +\|[^|]*\| ([^|]*?) +\|/gm)].map(([, name, cell]) => [name!, cell!]),
);
const defaultsText = (entry: ModelEntry) =>
  Object.entries(entry.hyperparameters)
    .map(([key, spec]) =>
      spec.fromData && spec.default === 0 ? `\`${key}\` = longest + 1` : `\`${key}\` ${spec.default}`,
    )
    .join(', ');

test('the README table has a row for every registered model', () => {
  expect(rows.map(([name]) => name)).toEqual(listModels());
});

test.each(rows)("the README's %s has the %i parameters the model has", (name, count) => {
  const entry = getModelEntry(name);
  const sequence = entry.dataFormat === 'sequence';
  const h = resolveHyperparameters(entry, sequence ? { blockSize: 16 } : {});
  expect(entry.create(h, { vocabSize: 27, generator: new Generator(0) }).numParameters()).toBe(count);
  expect(entry.parameterCount(h, 27)).toBe(count);
});

test.each(listModels())("the README's defaults of %s are its specs' defaults", (name) => {
  const cell = defaultsCells.get(name)!;
  const like = /^as `([a-z-]+)`$/.exec(cell)?.[1];
  expect(like === undefined ? cell : defaultsText(getModelEntry(like))).toBe(
    defaultsText(getModelEntry(name)),
  );
});
