import { readFileSync } from 'node:fs';
import { AdamW, type TensorValues } from '@makemore/nn';
import { Generator, tensor, tidy } from '@makemore/tensor';
import { describe, expect, it } from 'vitest';
import { getModelEntry } from './registry.js';

// PyTorch as the independent implementation: scripts/pytorch-transformer-reference.py builds makemore's
// Transformer at a small size, trains it with torch.optim.AdamW on a few batches (with -1 targets) and
// records the initial weights, the losses and the final weights. Loaded with the same weights and fed
// the same batches, this project's Transformer, autograd and AdamW must land on the same numbers.

interface Fixture {
  source: string;
  hyperparameters: Record<string, number>;
  vocabSize: number;
  batchSize: number;
  adamw: { lr: number; weightDecay: number; betas: [number, number]; eps: number };
  initial: Record<string, TensorValues>;
  batches: { x: number[]; y: number[] }[];
  losses: number[];
  final: Record<string, TensorValues>;
}

const fixture = JSON.parse(
  readFileSync(new URL('./test-support/pytorch-transformer.json', import.meta.url), 'utf8'),
) as Fixture;

describe('transformer against PyTorch', () => {
  it(`reproduces PyTorch's losses and weights over ${fixture.batches.length} AdamW steps (${fixture.source})`, () => {
    const h = fixture.hyperparameters;
    const model = getModelEntry('transformer').create(h, {
      vocabSize: fixture.vocabSize,
      generator: new Generator(0),
    });
    model.loadStateDict(new Map(Object.entries(fixture.initial)));
    const optimizer = new AdamW(model.namedParameters(), fixture.adamw);
    const shape = [fixture.batchSize, h['blockSize']!];
    const losses = fixture.batches.map((b) =>
      tidy(() => {
        const x = tensor(b.x, { shape, dtype: 'int32' });
        const y = tensor(b.y, { shape, dtype: 'int32' });
        const loss = model.loss(x, y);
        for (const p of model.parameters()) p.zeroGrad();
        loss.backward();
        optimizer.step();
        return loss.item();
      }),
    );
    for (const [i, loss] of losses.entries()) expect(loss).toBeCloseTo(fixture.losses[i]!, 5);
    const final = new Map(model.namedParameters());
    expect([...final.keys()].sort()).toEqual(Object.keys(fixture.final).sort());
    const C = h['nEmbd']!;
    for (const [name, want] of Object.entries(fixture.final)) {
      const got = final.get(name)!.dataSync();
      let worst = 0;
      for (let i = 0; i < want.data.length; i++) {
        // The key bias (c_attn.bias[C, 2C)) adds the same q·b to every score of a row, which softmax
        // ignores: its gradient is zero but for rounding, and Adam scales that noise up to steps of
        // up to lr in either implementation. Every other weight must agree.
        if (name.endsWith('attn.c_attn.bias') && i >= C && i < 2 * C) continue;
        worst = Math.max(worst, Math.abs(got[i]! - want.data[i]!));
      }
      expect(worst, name).toBeLessThan(1e-6);
    }
  });
});
