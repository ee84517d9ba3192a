import { describe, expect, it } from 'vitest';
import { readPytorchFixture, replayPytorchFixture, worstDifference } from './test-support/pytorch-fixture.js';

// PyTorch as the independent implementation: scripts/pytorch-bow-reference.py builds makemore's BoW
// (scripts/makemore_bow.py, copied from makemore.py) at a small size, trains it with torch.optim.AdamW
// on a few batches (with -1 targets) and records the initial weights, the losses and the final weights.
// Loaded with the same weights and fed the same batches, this project's bow (its causal average, its
// residual MLP), autograd and AdamW must land on the same numbers.
const fixture = readPytorchFixture('bow');

describe('bow against PyTorch', () => {
  it(`reproduces PyTorch's losses and weights over ${fixture.batches.length} AdamW steps (${fixture.source})`, () => {
    const { losses, final } = replayPytorchFixture('bow', fixture);
    for (const [i, loss] of losses.entries()) expect(loss).toBeCloseTo(fixture.losses[i]!, 5);
    expect([...final.keys()].sort()).toEqual(Object.keys(fixture.final).sort());
    for (const [name, want] of Object.entries(fixture.final)) {
      expect(worstDifference(final.get(name)!.dataSync(), want.data), name).toBeLessThan(1e-6);
    }
  });
});
