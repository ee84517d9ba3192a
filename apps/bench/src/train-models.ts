// First: it sets a V8 flag that must be in place before the tensor core loads.
import './relaxed-simd.js';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  decodeText,
  fingerprintItems,
  parseItems,
  requireItems,
  SPLIT_SCHEMES,
  type SplitScheme,
  splitItems,
  Vocab,
} from '@makemore/data';
import { getModelEntry } from '@makemore/models';
import { createTrainingRun, type DoneEvent, type TrainingEvent } from '@makemore/train';

// `pnpm --filter @makemore/bench bench:models [--model mlp] [--steps N] [--json]`: trains a registered
// model with its recipe (the lecture's for mlp: 200k steps, batch 32, lr 0.1 then 0.01 from 100k) on
// names.txt, split 80/10/10 with seed 42 (`--split lecture`: Python's shuffle, the lecture's own sets),
// and reports train/val/test loss, wall time and steps/s.

const here = dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: {
    // Read by relaxed-simd.ts before anything loads; listed so that parseArgs accepts it.
    'no-relaxed-simd': { type: 'boolean', default: false },
    model: { type: 'string', default: 'mlp' },
    steps: { type: 'string' },
    'eval-every': { type: 'string' },
    'eval-rows': { type: 'string', default: '20000' },
    'batch-size': { type: 'string' },
    seed: { type: 'string', default: '3407' },
    'split-seed': { type: 'string', default: '42' },
    split: { type: 'string' },
    data: { type: 'string', default: join(here, '../../../../shared/data/names.txt') },
    json: { type: 'boolean', default: false },
  },
});

const int = (name: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`--${name} must be a non-negative integer, got ${v}.\n`);
    process.exit(2);
  }
  return n;
};

async function main(): Promise<void> {
  const entry = getModelEntry(values.model!);
  const items = requireItems(parseItems(decodeText(readFileSync(values.data!))), values.data!);
  const scheme = (values.split ?? entry.recipe.split) as SplitScheme;
  if (!SPLIT_SCHEMES.includes(scheme)) {
    process.stderr.write(`--split must be one of ${SPLIT_SCHEMES.join(', ')}, got ${scheme}.\n`);
    process.exit(2);
  }
  const split = splitItems(items, { seed: int('split-seed', values['split-seed'])!, scheme });
  const vocab = Vocab.fromItems(items);
  const data = { source: values.data!, fingerprint: await fingerprintItems(items), items: items.length };
  const recipe = {
    steps: int('steps', values.steps),
    evalEvery: int('eval-every', values['eval-every']),
    batchSize: int('batch-size', values['batch-size']),
    split: scheme,
  };
  const run = createTrainingRun({
    model: entry.name,
    recipe,
    split,
    vocab,
    data,
    seed: int('seed', values.seed),
  });
  const log = (line: string) => {
    if (!values.json) process.stderr.write(`${line}\n`);
  };
  log(`${entry.name}: ${run.model.numParameters()} parameters, recipe ${JSON.stringify(run.recipe)}`);
  const started = performance.now();
  const onEvent = (e: TrainingEvent) => {
    if (e.event === 'eval') {
      log(
        `step ${e.step}: train ${e.train.toFixed(4)} ${e.selectOn} ${e.selectLoss.toFixed(4)} (${e.seconds.toFixed(0)} s)`,
      );
    }
  };
  const done: DoneEvent = await run.train({
    onEvent,
    logEvery: 1000,
    evalRows: int('eval-rows', values['eval-rows']),
  });
  const wall = (performance.now() - started) / 1000;
  const result = {
    bench: 'train-model',
    model: entry.name,
    parameters: run.model.numParameters(),
    recipe: run.recipe,
    train: done.train,
    val: done.val,
    test: done.test,
    steps: done.steps,
    // The reported losses are those of the best-validation checkpoint, taken at this step.
    bestStep: done.bestStep,
    wallSeconds: wall,
    stepsPerSecond: done.stepsPerSecond,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    date: new Date().toISOString(),
  };
  const dir = join(here, '../bench-results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `train-${entry.name}-latest.json`), `${JSON.stringify(result, null, 2)}\n`);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return;
  }
  const fmt = (v: number | null) => (v === null ? '-' : v.toFixed(4));
  process.stdout.write(
    [
      '| model | steps | best step | train | val | test | wall (s) | steps/s |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      `| ${entry.name} | ${done.steps} | ${done.bestStep} | ${fmt(done.train)} | ${fmt(done.val)} | ${fmt(done.test)} | ${wall.toFixed(1)} | ${done.stepsPerSecond.toFixed(1)} |`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
