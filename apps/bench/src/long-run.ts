/**
 * Long runs, for leaks and numerical drift rather than speed: 1,000,000 steps of `bigram-nn` (batch
 * 32) and 100,000 steps of `mlp` on names.txt, through the same training loop `makemore train` uses.
 * Every 10,000 steps it samples the live tensors, the backend's buffers and allocations, and the
 * JavaScript heap (after a forced GC), and it fails (exit 1) if any of them grows or a loss is not
 * finite. Run: `pnpm --filter @makemore/bench build && pnpm --filter @makemore/bench bench:long`.
 */
// First: it sets a V8 flag that must be in place before the tensor core loads.
import './relaxed-simd.js';
import { readFileSync } from 'node:fs';
import { decodeText, fingerprintItems, parseItems, splitItems, Vocab } from '@makemore/data';
import { memory } from '@makemore/tensor';
import { createTrainingRun } from '@makemore/train';

interface Sample {
  step: number;
  tensors: number;
  buffers: number;
  allocations: number;
  heapMiB: number;
}

const NAMES = new URL('../../../../shared/data/names.txt', import.meta.url);
const SAMPLE_EVERY = 10_000;
// V8's heap moves by a few MiB between collections; growth beyond this over the run is a leak.
const HEAP_SLACK_MIB = 16;

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) {
  process.stderr.write(
    'Run with node --expose-gc (the bench:long script does) so heap samples are comparable.\n',
  );
  process.exit(2);
}

const items = parseItems(decodeText(readFileSync(NAMES))).items;
const vocab = Vocab.fromItems(items);
const split = splitItems(items, { seed: 42 });
const data = { source: 'names.txt', fingerprint: await fingerprintItems(items), items: items.length };

function sample(step: number): Sample {
  gc!();
  const m = memory();
  return {
    step,
    tensors: m.numTensors,
    buffers: m.numBuffers,
    allocations: m.numAllocations,
    heapMiB: process.memoryUsage().heapUsed / 2 ** 20,
  };
}

const runs = [
  { model: 'bigram-nn', recipe: { steps: 1_000_000, batchSize: 32, evalEvery: 250_000 } },
  { model: 'mlp', recipe: { steps: 100_000, evalEvery: 25_000 } },
];
let failed = false;
for (const { model, recipe } of runs) {
  const run = createTrainingRun({ model, recipe, split, vocab, data });
  const samples: Sample[] = [];
  let nonFinite = 0;
  const done = await run.train({
    logEvery: SAMPLE_EVERY,
    evalRows: 20_000,
    onEvent: (event) => {
      if (event.event !== 'step') return;
      if (!Number.isFinite(event.loss)) nonFinite++;
      samples.push(sample(event.step));
    },
  });
  // The first samples include one-off work (pool warm-up, the first evaluation); compare from the second.
  const first = samples[1]!;
  const last = samples.at(-1)!;
  const growth = {
    tensors: last.tensors - first.tensors,
    buffers: last.buffers - first.buffers,
    allocations: last.allocations - first.allocations,
    heapMiB: last.heapMiB - first.heapMiB,
  };
  const ok = nonFinite === 0 && growth.tensors <= 0 && growth.buffers <= 0 && growth.heapMiB < HEAP_SLACK_MIB;
  failed ||= !ok;
  console.log(
    JSON.stringify({
      bench: 'long-run',
      model,
      steps: done.steps,
      seconds: Number(done.seconds.toFixed(1)),
      stepsPerSec: Math.round(done.stepsPerSecond),
      train: done.train,
      val: done.val,
      nonFiniteLosses: nonFinite,
      first,
      last,
      growth,
      ok,
    }),
  );
}
process.exit(failed ? 1 : 0);
