import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { decodeText, fingerprintItems, parseItems, requireItems, splitItems, Vocab } from '@makemore/data';
import { buildDataset, listModels } from '@makemore/models';
import { keep, tidy } from '@makemore/tensor';
import { type Batch, createTrainingRun, randomBatch, rangeBatch } from '@makemore/train';
import { medianRate } from './timing.js';

// `pnpm --filter @makemore/bench bench:speed [--model transformer] [--json]`: training steps per
// second of each registered model on names.txt with its recipe's batch size, on the CPU backend. The
// step is the training loop's own: a random batch, the loss, backward, the optimizer step. Each
// figure is the median of timed windows after a warm-up window.

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    model: { type: 'string', multiple: true },
    'window-ms': { type: 'string', default: '3000' },
    windows: { type: 'string', default: '3' },
    data: { type: 'string', default: join(here, '../../../../shared/data/names.txt') },
    json: { type: 'boolean', default: false },
  },
});

async function main(): Promise<void> {
  const items = requireItems(parseItems(decodeText(readFileSync(values.data!))), values.data!);
  const split = splitItems(items, { seed: 42 });
  const vocab = Vocab.fromItems(items);
  const data = { source: values.data!, fingerprint: await fingerprintItems(items), items: items.length };
  const names = values.model ?? listModels();
  const windowMs = Number(values['window-ms']);
  const windows = Number(values.windows);
  const rows: { model: string; parameters: number; batchSize: number; stepsPerSecond: number }[] = [];
  for (const name of names) {
    const run = createTrainingRun({ model: name, split, vocab, data });
    const blockSize = (run.hyperparameters.blockSize as number | undefined) ?? run.model.blockSize;
    const train = buildDataset(run.entry.dataFormat, split.train, vocab, blockSize);
    // A batch size of 0 is the recipe's full batch: every row, the same tensors each step, as the loop does.
    const full: Batch | null =
      run.recipe.batchSize === 0
        ? tidy(() => {
            const b = rangeBatch(train, 0, train.count);
            return { x: keep(b.x), y: keep(b.y) };
          })
        : null;
    const batchSize = full ? train.count : run.recipe.batchSize;
    run.model.train();
    const step = () => {
      tidy(() => {
        const { x, y } = full ?? randomBatch(train, batchSize, run.generator);
        const loss = run.model.loss(x, y);
        run.optimizer.zeroGrad();
        loss.backward();
        return loss.item();
      });
      run.optimizer.step();
      run.optimizer.zeroGrad();
    };
    const stepsPerSecond = medianRate(step, { warmupMs: windowMs, windowMs, windows });
    full?.x.dispose();
    full?.y.dispose();
    rows.push({ model: name, parameters: run.model.numParameters(), batchSize, stepsPerSecond });
    if (!values.json) process.stderr.write(`${name}: ${stepsPerSecond.toFixed(1)} steps/s\n`);
  }
  if (values.json) {
    const meta = {
      cpu: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      date: new Date().toISOString(),
    };
    process.stdout.write(`${JSON.stringify({ bench: 'train-speed', ...meta, rows })}\n`);
    return;
  }
  process.stdout.write(
    [
      '| model | parameters | batch | steps/s |',
      '| --- | ---: | ---: | ---: |',
      ...rows.map(
        (r) =>
          `| ${r.model} | ${r.parameters.toLocaleString('en-US')} | ${r.batchSize} | ${r.stepsPerSecond.toFixed(1)} |`,
      ),
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
