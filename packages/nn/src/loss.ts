import { crossEntropy, type Tensor } from '@makemore/tensor';

/** Options of {@link crossEntropyLoss}. */
export interface CrossEntropyLossOptions {
  /** Targets equal to this are skipped (makemore pads sequences with -1). Default -100, as PyTorch. */
  ignoreIndex?: number | undefined;
}

/**
 * Mean softmax cross-entropy of `logits` `(..., V)` against int32 `targets` `(...)`, as
 * `F.cross_entropy(logits.view(-1, V), targets.view(-1), ignore_index=...)`. Fused and stable.
 *
 * @example
 * ```ts
 * const loss = crossEntropyLoss(logits, Y); // logits (32, 27), Y (32) int32
 * loss.backward();
 * ```
 */
export function crossEntropyLoss(
  logits: Tensor,
  targets: Tensor,
  options: CrossEntropyLossOptions = {},
): Tensor {
  return crossEntropy(logits, targets, { ignoreIndex: options.ignoreIndex ?? -100, reduction: 'mean' });
}
