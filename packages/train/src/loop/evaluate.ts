import { type CharModel, type ModelDataset, withEvalMode } from '@makemore/models';
import { noGrad, type Tensor, tidy } from '@makemore/tensor';
import { rangeBatch } from './batches.js';

/** Options of {@link evaluateLoss}. */
export interface EvaluateOptions {
  /** Evaluate only the first this many rows (the split is already shuffled); default all. */
  maxRows?: number | undefined;
  /** Rows per forward pass (default 4096 for windows, 256 for sequences). */
  chunkRows?: number | undefined;
}

/**
 * The model's mean negative log-likelihood per predicted token on a dataset, in eval mode without
 * gradients (BatchNorm uses its running statistics, as the lecture's `split_loss` after calibration).
 * Sequence padding (-1 targets) is not counted.
 *
 * @returns the mean loss, or NaN for an empty dataset
 * @example
 * ```ts
 * const val = evaluateLoss(model, buildDataset('window', split.val, vocab, 3));
 * ```
 */
export function evaluateLoss(model: CharModel, data: ModelDataset, options: EvaluateOptions = {}): number {
  const sum = { total: 0, tokens: 0 };
  for (const chunk of chunksOf(data, options)) {
    const nll = chunkLoss(model, data, chunk);
    sum.total += nll.item() * chunk.counted;
    sum.tokens += chunk.counted;
    nll.dispose();
  }
  return sum.tokens === 0 ? Number.NaN : sum.total / sum.tokens;
}

/**
 * {@link evaluateLoss} reading each chunk's loss with `await data()`, so it also runs on a backend
 * that reads back only asynchronously (gpu.js's webgpu mode).
 */
export async function evaluateLossAsync(
  model: CharModel,
  data: ModelDataset,
  options: EvaluateOptions = {},
): Promise<number> {
  const sum = { total: 0, tokens: 0 };
  for (const chunk of chunksOf(data, options)) {
    const nll = chunkLoss(model, data, chunk);
    try {
      sum.total += (await nll.data())[0]! * chunk.counted;
    } finally {
      nll.dispose();
    }
    sum.tokens += chunk.counted;
  }
  return sum.tokens === 0 ? Number.NaN : sum.total / sum.tokens;
}

/** A run of rows and how many of their targets count (padding, -1, does not). */
interface Chunk {
  readonly start: number;
  readonly end: number;
  readonly counted: number;
}

function* chunksOf(data: ModelDataset, options: EvaluateOptions): Generator<Chunk> {
  const rows = Math.min(data.count, options.maxRows ?? data.count);
  const size = options.chunkRows ?? (data.targetWidth === 1 ? 4096 : 256);
  for (let start = 0; start < rows; start += size) {
    const end = Math.min(rows, start + size);
    let counted = 0;
    for (let i = start * data.targetWidth; i < end * data.targetWidth; i++) if (data.Y[i]! >= 0) counted++;
    if (counted > 0) yield { start, end, counted };
  }
}

/** The chunk's mean loss as a scalar tensor the caller reads and disposes; computed in eval mode without gradients. */
function chunkLoss(model: CharModel, data: ModelDataset, chunk: Chunk): Tensor {
  return withEvalMode(model, () =>
    noGrad(() =>
      tidy(() => {
        const { x, y } = rangeBatch(data, chunk.start, chunk.end);
        return model.nll(x, y);
      }),
    ),
  );
}
