import type { ModelDataset } from '@makemore/models';
import { type Generator, type Tensor, tensor } from '@makemore/tensor';

/**
 * One batch as tensors: `x (B, T)` and `y (B)` for windows or `(B, T)` for sequences. `T` is the
 * dataset's block size for windows; for sequences it is the longest row of this batch (see
 * {@link gatherRows}).
 */
export interface Batch {
  /** Inputs. */
  x: Tensor;
  /** Targets. */
  y: Tensor;
}

/**
 * Copies rows `indices` of the dataset into a batch.
 *
 * Sequence rows are cut to the longest row of the batch: past it every target is -1, which the loss
 * ignores, and the sequence models are causal, so no kept position ever sees the cut ones. The loss
 * and its gradient are those of the full-width batch, without the work on padding (names.txt pads
 * every row to 16 positions; its items average 6 characters).
 */
export function gatherRows(data: ModelDataset, indices: ArrayLike<number>): Batch {
  const B = indices.length;
  const bs = data.blockSize;
  const w = data.targetWidth;
  const width = data.format === 'sequence' ? longestRow(data, indices) : bs;
  const X = new Int32Array(B * width);
  const Y = new Int32Array(B * (w === 1 ? 1 : width));
  for (let i = 0; i < B; i++) {
    const r = indices[i]!;
    X.set(data.X.subarray(r * bs, r * bs + width), i * width);
    if (w === 1) Y[i] = data.Y[r]!;
    else Y.set(data.Y.subarray(r * w, r * w + width), i * width);
  }
  return {
    x: tensor(X, { shape: [B, width] }),
    y: tensor(Y, { shape: w === 1 ? [B] : [B, width] }),
  };
}

/** Positions up to and including the last target that is not -1, over the rows `indices` (at least 1). */
function longestRow(data: ModelDataset, indices: ArrayLike<number>): number {
  const w = data.targetWidth;
  let longest = 1;
  for (let i = 0; i < indices.length; i++) {
    const base = indices[i]! * w;
    let end = w;
    while (end > longest && data.Y[base + end - 1] === -1) end--;
    if (end > longest) longest = end;
  }
  return longest;
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
