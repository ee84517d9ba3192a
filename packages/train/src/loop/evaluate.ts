import { type CharModel, type ModelDataset, withEvalMode } from '@makemore/models';
import { noGrad, tidy } from '@makemore/tensor';
import { rangeBatch } from './batches.js';

/** Options of {@link evaluateLoss}. */
export interface EvaluateOptions {
  /** Evaluate only the first this many rows (the split is already shuffled); default all. */
  maxRows?: number;
  /** Rows per forward pass (default 4096 for windows, 256 for sequences). */
  chunkRows?: number;
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
  const rows = Math.min(data.count, options.maxRows ?? data.count);
  const chunk = options.chunkRows ?? (data.targetWidth === 1 ? 4096 : 256);
  let total = 0;
  let tokens = 0;
  withEvalMode(model, () =>
    noGrad(() => {
      for (let start = 0; start < rows; start += chunk) {
        const end = Math.min(rows, start + chunk);
        let counted = 0;
        for (let i = start * data.targetWidth; i < end * data.targetWidth; i++)
          if (data.Y[i]! >= 0) counted++;
        if (counted === 0) continue;
        const mean = tidy(() => {
          const { x, y } = rangeBatch(data, start, end);
          return model.nll(x, y).item();
        });
        total += mean * counted;
        tokens += counted;
      }
    }),
  );
  return tokens === 0 ? Number.NaN : total / tokens;
}
