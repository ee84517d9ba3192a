import { readFileSync } from 'node:fs';
import { AdamW, type TensorValues } from '@makemore/nn';
import { Generator, type Tensor, tensor, tidy } from '@makemore/tensor';
import { getModelEntry } from '../registry.js';

/**
 * What scripts/pytorch-<model>-reference.py writes: a small model's initial weights in this project's
 * layout, the batches it was trained on, and the losses and final weights PyTorch's AdamW reached.
 */
export interface PytorchFixture {
  /** The script and PyTorch version that wrote it. */
  source: string;
  /** Complete hyperparameters of the model. */
  hyperparameters: Record<string, number>;
  /** Number of tokens. */
  vocabSize: number;
  /** Rows per batch. */
  batchSize: number;
  /** The optimizer's settings. */
  adamw: { lr: number; weightDecay: number; betas: [number, number]; eps: number };
  /** Weights before the first step, by parameter name. */
  initial: Record<string, TensorValues>;
  /** Flat row-major `(batchSize, blockSize)` ids and targets (-1 for padding). */
  batches: { x: number[]; y: number[] }[];
  /** PyTorch's loss at each step. */
  losses: number[];
  /** Weights after the last step. */
  final: Record<string, TensorValues>;
}

/** Reads `test-support/pytorch-<name>.json`. */
export function readPytorchFixture(name: string): PytorchFixture {
  return JSON.parse(
    readFileSync(new URL(`./pytorch-${name}.json`, import.meta.url), 'utf8'),
  ) as PytorchFixture;
}

/**
 * Builds registry model `modelName` with the fixture's weights and trains it on the fixture's batches
 * with this project's AdamW, as the script trained PyTorch's: the losses of each step and the final
 * parameters by name.
 */
export function replayPytorchFixture(
  modelName: string,
  fixture: PytorchFixture,
): { losses: number[]; final: Map<string, Tensor> } {
  const h = fixture.hyperparameters;
  const model = getModelEntry(modelName).create(h, {
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
  return { losses, final: new Map(model.namedParameters()) };
}

/** Largest absolute difference between `got` and `want`, leaving out the indices `skip` accepts. */
export function worstDifference(
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  skip: (index: number) => boolean = () => false,
): number {
  let worst = 0;
  for (let i = 0; i < want.length; i++) {
    if (!skip(i)) worst = Math.max(worst, Math.abs(got[i]! - want[i]!));
  }
  return worst;
}
