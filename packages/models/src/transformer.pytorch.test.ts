import { describe, expect, it } from 'vitest';
import { readPytorchFixture, replayPytorchFixture, worstDifference } from './test-support/pytorch-fixture.js';

// PyTorch as the independent implementation: scripts/pytorch-transformer-reference.py builds makemore's
// Transformer at a small size, trains it with torch.optim.AdamW on a few batches (with -1 targets) and
// records the initial weights, the losses and the final weights. Loaded with the same weights and fed
// the same batches, this project's Transformer, autograd and AdamW must land on the same numbers.
const fixture = readPytorchFixture('transformer');

describe('transformer against PyTorch', () => {
  it(`reproduces PyTorch's losses and weights over ${fixture.batches.length} AdamW steps (${fixture.source})`, () => {
    const { losses, final } = replayPytorchFixture('transformer', fixture);
    for (const [i, loss] of losses.entries()) expect(loss).toBeCloseTo(fixture.losses[i]!, 5);
    expect([...final.keys()].sort()).toEqual(Object.keys(fixture.final).sort());
    const C = fixture.hyperparameters['nEmbd']!;
    for (const [name, want] of Object.entries(fixture.final)) {
      // The key bias (c_attn.bias[C, 2C)) adds the same q·b to every score of a row, which softmax
      // ignores: its gradient is zero but for rounding, and Adam scales that noise up to steps of
      // up to lr in either implementation. Every other weight must agree.
      const keyBias = name.endsWith('attn.c_attn.bias') ? (i: number) => i >= C && i < 2 * C : undefined;
      expect(worstDifference(final.get(name)!.dataSync(), want.data, keyBias), name).toBeLessThan(1e-6);
    }
  });
});
