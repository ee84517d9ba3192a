import type { ModelDataset } from '@makemore/models';
import { type Generator, type Tensor, tensor } from '@makemore/tensor';

/** One batch as tensors: `x (B, blockSize)` and `y (B)` or `(B, blockSize)`. */
export interface Batch {
  /** Inputs. */
  x: Tensor;
  /** Targets. */
  y: Tensor;
}

/** Copies rows `indices` of the dataset into a batch. */
export function gatherRows(data: ModelDataset, indices: ArrayLike<number>): Batch {
  const B = indices.length;
  const bs = data.blockSize;
  const w = data.targetWidth;
  const X = new Int32Array(B * bs);
  const Y = new Int32Array(B * w);
  for (let i = 0; i < B; i++) {
    const r = indices[i]!;
    X.set(data.X.subarray(r * bs, (r + 1) * bs), i * bs);
    Y.set(data.Y.subarray(r * w, (r + 1) * w), i * w);
  }
  return { x: tensor(X, { shape: [B, bs] }), y: tensor(Y, { shape: w === 1 ? [B] : [B, w] }) };
}

/**
 * A random batch drawn with replacement, as the lecture's `torch.randint(0, N, (32,), generator=g)`
 * and makemore's sampler.
 */
export function randomBatch(data: ModelDataset, batchSize: number, generator: Generator): Batch {
  const indices = new Int32Array(batchSize);
  generator.fillIntegers(indices, 0, data.count);
  return gatherRows(data, indices);
}

/** Rows `start..end` (exclusive) in order. */
export function rangeBatch(data: ModelDataset, start: number, end: number): Batch {
  const indices = new Int32Array(end - start);
  for (let i = 0; i < indices.length; i++) indices[i] = start + i;
  return gatherRows(data, indices);
}
