import { describe, expect, it } from 'vitest';
import { readPytorchFixture, replayPytorchFixture, worstDifference } from './test-support/pytorch-fixture.js';

// PyTorch as the independent implementation: scripts/pytorch-lstm-reference.py builds makemore's RNN
// with torch.nn.LSTMCell (scripts/makemore_lstm.py) at a small size, trains it with torch.optim.AdamW
// on a few batches (with -1 targets) and records the initial weights, the losses and the final weights.
// Loaded with the same weights and fed the same batches, this project's lstm must land on the same
// numbers: its LSTMCell against torch.nn.LSTMCell, the weight layout (weight_ih.T, gates in i, f, g, o
// order), autograd and AdamW.
const fixture = readPytorchFixture('lstm');

describe('lstm against PyTorch', () => {
  it(`reproduces PyTorch's losses and weights over ${fixture.batches.length} AdamW steps (${fixture.source})`, () => {
    const { losses, final } = replayPytorchFixture('lstm', fixture);
    for (const [i, loss] of losses.entries()) expect(loss).toBeCloseTo(fixture.losses[i]!, 5);
    expect([...final.keys()].sort()).toEqual(Object.keys(fixture.final).sort());
    for (const [name, want] of Object.entries(fixture.final)) {
      expect(worstDifference(final.get(name)!.dataSync(), want.data), name).toBeLessThan(1e-6);
    }
  });
});
