import { buildDataset, MODEL_REGISTRY } from '@makemore/models';
import { type Tensor, tensor, tidy } from '@makemore/tensor';
import { describe, expect, it } from 'vitest';
import { smallNames } from '../test-support/fixtures.js';
import { gatherRows } from './batches.js';
import { createTrainingRun } from './training-run.js';

const { split, vocab, data } = await smallNames();
const sequenceModels = [...MODEL_REGISTRY.values()]
  .filter((e) => e.dataFormat === 'sequence')
  .map((e) => e.name);

/** Rows `indices` at the dataset's full block size, as makemore's loader gives them. */
function fullWidthRows(
  d: ReturnType<typeof buildDataset>,
  indices: readonly number[],
): { x: Tensor; y: Tensor } {
  const bs = d.blockSize;
  const X = new Int32Array(indices.length * bs);
  const Y = new Int32Array(indices.length * bs);
  indices.forEach((r, i) => {
    X.set(d.X.subarray(r * bs, (r + 1) * bs), i * bs);
    Y.set(d.Y.subarray(r * bs, (r + 1) * bs), i * bs);
  });
  return { x: tensor(X, { shape: [indices.length, bs] }), y: tensor(Y, { shape: [indices.length, bs] }) };
}

describe('gatherRows', () => {
  it('cuts sequence rows to the longest row of the batch, keeping every target that is not -1', () => {
    const items = ['ab', 'abcde', 'a'];
    const d = buildDataset('sequence', items, vocab, 8);
    const b = gatherRows(d, [0, 2]);
    // 'ab' needs 3 positions (a, b, end); 'a' needs 2.
    expect(b.x.shape).toEqual([2, 3]);
    expect(b.y.tolist()).toEqual([
      vocab.encode('ab').concat(vocab.endId),
      [...vocab.encode('a'), vocab.endId, -1],
    ]);
    expect(gatherRows(d, [1]).x.shape).toEqual([1, 6]);
    const windows = buildDataset('window', items, vocab, 3);
    expect(gatherRows(windows, [0, 1]).x.shape).toEqual([2, 3]);
  });

  it.each(sequenceModels)('gives %s the loss and gradients of the full-width batch', (model) => {
    const run = createTrainingRun({ model, split, vocab, data, seed: 7 });
    const d = buildDataset('sequence', split.train, vocab, run.model.blockSize);
    const indices = [3, 17, 40, 41, 99, 5];
    const lossAndGrads = (batch: { x: Tensor; y: Tensor }) =>
      tidy(() => {
        run.optimizer.zeroGrad();
        const loss = run.model.loss(batch.x, batch.y);
        loss.backward();
        return {
          loss: loss.item(),
          grads: run.model
            .namedParameters()
            .map(([name, p]) => [name, Array.from(p.grad!.dataSync())] as const),
        };
      });
    const trimmed = gatherRows(d, indices);
    expect(trimmed.x.shape[1]).toBeLessThan(d.blockSize);
    const a = lossAndGrads(trimmed);
    const b = lossAndGrads(fullWidthRows(d, indices));
    expect(a.loss).toBeCloseTo(b.loss, 5);
    for (let i = 0; i < a.grads.length; i++) {
      const [name, ga] = a.grads[i]!;
      const gb = b.grads[i]![1];
      const scale = Math.max(1e-3, ...gb.map(Math.abs));
      const worst = Math.max(...ga.map((v, j) => Math.abs(v - gb[j]!)));
      expect(worst / scale, name).toBeLessThan(1e-4);
    }
  });
});
