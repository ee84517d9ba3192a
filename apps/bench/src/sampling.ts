/**
 * Samples per second of `@makemore/sampling`'s `generate` for the count bigram and for a trained
 * MLP, at several batch sizes, on names.txt. Run: `pnpm --filter @makemore/bench bench:sampling`.
 * Prints a table, and one JSON line per measurement with `--json`.
 */
import { readFileSync } from 'node:fs';
import { BigramModel } from '@makemore/bigram';
import { decodeText, fingerprintItems, parseItems, splitItems, Vocab } from '@makemore/data';
import { generate, type LanguageModel } from '@makemore/sampling';
import { createTrainingRun } from '@makemore/train';

const NAMES = new URL('../../../../shared/data/names.txt', import.meta.url);
const json = process.argv.includes('--json');
const items = parseItems(decodeText(readFileSync(NAMES))).items;
const vocab = Vocab.fromItems(items);

async function samplesPerSecond(model: LanguageModel, batchSize: number): Promise<number> {
  const count = Math.max(batchSize * 4, 256);
  await generate(model, { count: batchSize, seed: 1, batchSize }); // warm-up
  const rates: number[] = [];
  for (let round = 0; round < 3; round++) {
    const start = performance.now();
    await generate(model, { count, seed: 2 + round, batchSize });
    rates.push((count * 1000) / (performance.now() - start));
  }
  return rates.sort((a, b) => a - b)[1]!;
}

const bigram = BigramModel.fit(items, vocab, { smoothing: 1 });
const split = splitItems(items, { seed: 3407 });
const run = createTrainingRun({
  model: 'mlp',
  recipe: { steps: 5000, evalEvery: 5000 },
  split,
  vocab,
  data: { source: 'names.txt', fingerprint: await fingerprintItems(items), items: items.length },
});
await run.train({ evalRows: 2000 });
const mlp = run.languageModel();

const rows: Array<{ model: string; batchSize: number; samplesPerSec: number }> = [];
for (const [model, lm] of [
  ['bigram', bigram],
  ['mlp', mlp],
] as const) {
  for (const batchSize of [1, 32, 256, 1024]) {
    const samplesPerSec = await samplesPerSecond(lm, batchSize);
    rows.push({ model, batchSize, samplesPerSec });
    if (json) console.log(JSON.stringify({ bench: 'sampling', impl: model, batchSize, samplesPerSec }));
  }
}
if (!json) {
  console.log('model   batch  samples/s');
  for (const row of rows) {
    console.log(
      `${row.model.padEnd(7)} ${String(row.batchSize).padStart(5)}  ${row.samplesPerSec.toFixed(0).padStart(9)}`,
    );
  }
}
