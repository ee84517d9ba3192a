import type { Reduction } from './backend.js';
import { fromValues } from './creation.js';
import type { DType } from './dtype.js';
import { ENGINE } from './engine.js';
import { fmtShape, normAxis } from './shape.js';
import { Tensor } from './tensor.js';

// The functional forms of ops, as `torch.nn.functional`: those that take several tensors or options
// (cat, where, crossEntropy, layerNorm, ...) and the functional spellings of some Tensor methods.

/** One-hot encodes int32 indices: shape `index.shape + [numClasses]`, float32 by default. */
export function oneHot(
  index: Tensor,
  numClasses: number,
  options: { dtype?: DType | undefined } = {},
): Tensor {
  if (!Number.isInteger(numClasses) || numClasses <= 0) {
    throw new Error(`oneHot: numClasses must be a positive integer, got ${numClasses}.`);
  }
  return ENGINE.run('oneHot', [index], { depth: numClasses, dtype: options.dtype ?? 'float32' });
}

/** Concatenates tensors along an existing axis. */
export function cat(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new Error('cat: expected a non-empty list of tensors.');
  const axis = normAxis('cat', dim, tensors[0]!.ndim);
  if (tensors.length === 1) return tensors[0]!.clone();
  return ENGINE.run('concat', tensors, { axis });
}

/** Stacks same-shape tensors along a new axis. */
export function stack(tensors: readonly Tensor[], dim = 0): Tensor {
  if (tensors.length === 0) throw new Error('stack: expected a non-empty list of tensors.');
  const first = tensors[0]!;
  const axis = normAxis('stack', dim, first.ndim + 1);
  for (const t of tensors) {
    if (t.ndim !== first.ndim || t.shape.some((d, i) => d !== first.shape[i])) {
      throw new Error(
        `stack: all tensors must have the same shape, got ${fmtShape(first.shape)} and ${fmtShape(t.shape)}.`,
      );
    }
  }
  return ENGINE.tidy(() =>
    cat(
      tensors.map((t) => t.unsqueeze(axis)),
      axis,
    ),
  );
}

/** `x` where `condition` is non-zero, else `y` (broadcasting all three). */
export function where(condition: Tensor, x: Tensor | number, y: Tensor | number): Tensor {
  return ENGINE.tidy(() => {
    const ref = x instanceof Tensor ? x : y instanceof Tensor ? y : condition;
    const a = x instanceof Tensor ? x : ref.constant(x);
    const b = y instanceof Tensor ? y : ref.constant(y);
    return ENGINE.run('where', [condition, a, b], {});
  });
}

/** Matrix product, `a.matmul(b)`. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  return a.matmul(b);
}

/** Softmax along `dim` (default last). */
export function softmax(x: Tensor, dim = -1): Tensor {
  return x.softmax(dim);
}

/** Log-softmax along `dim` (default last). */
export function logSoftmax(x: Tensor, dim = -1): Tensor {
  return x.logSoftmax(dim);
}

/** Options of {@link layerNorm}. */
export interface LayerNormOptions {
  /** Scale over the last axis `(C)`, applied after normalising. */
  weight?: Tensor | undefined;
  /** Shift over the last axis `(C)`, applied after the scale. */
  bias?: Tensor | undefined;
  /** Added to the variance (default 1e-5, as PyTorch). */
  eps?: number | undefined;
}

/**
 * Layer normalisation over the last axis, as `F.layer_norm(x, (C,), weight, bias, eps)`: each row
 * minus its mean, divided by `√(biased variance + eps)`, then scaled and shifted. The normalisation
 * is one fused op with a one-kernel gradient.
 *
 * @example
 * ```ts
 * const y = layerNorm(tensor([[1, 2, 3]]), { eps: 0 }); // ≈ [[-1.2247, 0, 1.2247]]
 * ```
 */
export function layerNorm(x: Tensor, options: LayerNormOptions = {}): Tensor {
  return ENGINE.tidy(() => {
    let y = ENGINE.run('layerNorm', [x], { eps: options.eps ?? 1e-5 });
    if (options.weight) y = y.mul(options.weight);
    if (options.bias) y = y.add(options.bias);
    return y;
  });
}

/** Options of {@link batchNorm}. */
export interface BatchNormOptions {
  /** Scale over the last axis `(C)`, applied after normalising. */
  weight?: Tensor | undefined;
  /** Shift over the last axis `(C)`, applied after the scale. */
  bias?: Tensor | undefined;
  /** Running mean `(C)`, updated in place (with `runningVar`). */
  runningMean?: Tensor | undefined;
  /** Running unbiased variance `(C)`, updated in place (with `runningMean`). */
  runningVar?: Tensor | undefined;
  /** Weight of this batch in the running statistics (default 0.1, as PyTorch). */
  momentum?: number | undefined;
  /** Added to the variance (default 1e-5, as PyTorch). */
  eps?: number | undefined;
}

/**
 * Batch normalisation in training mode over every axis but the last, as the lectures' BatchNorm1d:
 * each feature minus its batch mean, divided by `√(unbiased batch variance + eps)`, then scaled and
 * shifted; the running statistics, when given, move toward the batch's. The normalisation is one
 * fused op with a one-kernel gradient.
 *
 * @example
 * ```ts
 * const y = batchNorm(tensor([[1, 10], [3, 30]]), { eps: 0 }); // ≈ [[-0.7071, -0.7071], [0.7071, 0.7071]]
 * ```
 */
export function batchNorm(x: Tensor, options: BatchNormOptions = {}): Tensor {
  const { runningMean, runningVar } = options;
  if ((runningMean === undefined) !== (runningVar === undefined)) {
    throw new Error('batchNorm: give both runningMean and runningVar, or neither.');
  }
  return ENGINE.tidy(() => {
    const inputs = runningMean && runningVar ? [x, runningMean, runningVar] : [x];
    let y = ENGINE.run('batchNorm', inputs, { eps: options.eps ?? 1e-5, momentum: options.momentum ?? 0.1 });
    if (options.weight) y = y.mul(options.weight);
    if (options.bias) y = y.add(options.bias);
    return y;
  });
}

/**
 * Causal self-attention as one fused op, from the joint projection `qkv` `(B, T, 3C)` (queries, keys
 * and values side by side, as minGPT's `c_attn` makes them) to `y` `(B, T, C)` with `nHead` heads:
 * what `F.scaled_dot_product_attention(q, k, v, is_causal=True)` computes after splitting the heads,
 * with the heads merged back. Its gradient is one kernel too.
 *
 * @example
 * ```ts
 * const qkv = randn([2, 5, 3 * 8], { generator: new Generator(1) });
 * causalAttention(qkv, 2).shape; // [2, 5, 8]
 * ```
 */
export function causalAttention(qkv: Tensor, nHead: number): Tensor {
  return ENGINE.run('causalAttention', [qkv], { nHead });
}

/** Options of {@link crossEntropy}. */
export interface CrossEntropyOptions {
  /** Rows whose target is this value are skipped (makemore uses -1). Default -100, as PyTorch. */
  ignoreIndex?: number | undefined;
  /** `'mean'` over non-ignored rows (default), `'sum'`, or `'none'` for one loss per row. */
  reduction?: Reduction | undefined;
}

/**
 * Softmax cross-entropy between `logits` (`[N, C]`, or `[..., C]`: the class axis is last) and int32
 * class `targets` (`[N]` or `[...]`), fused and numerically stable, as `F.cross_entropy`.
 *
 * @example
 * ```ts
 * const logits = tensor([[2, 1, 0.1], [0.5, 2.5, 0.3]], { requiresGrad: true });
 * const loss = crossEntropy(logits, tensor([0, -1], { dtype: 'int32' }), { ignoreIndex: -1 });
 * loss.backward();
 * ```
 */
export function crossEntropy(logits: Tensor, targets: Tensor, options: CrossEntropyOptions = {}): Tensor {
  const ignoreIndex = options.ignoreIndex ?? -100;
  const reduction = options.reduction ?? 'mean';
  if (reduction !== 'mean' && reduction !== 'sum' && reduction !== 'none') {
    throw new Error(`crossEntropy: reduction must be 'mean', 'sum' or 'none', got '${String(reduction)}'.`);
  }
  const lead = logits.shape.slice(0, -1);
  if (logits.ndim < 1 || targets.ndim !== lead.length || targets.shape.some((d, i) => d !== lead[i])) {
    throw new Error(
      `crossEntropy: logits ${fmtShape(logits.shape)} and targets ${fmtShape(targets.shape)} do not match ` +
        '(expected logits [..., C] and targets [...]).',
    );
  }
  if (logits.ndim === 2) return ENGINE.run('crossEntropy', [logits, targets], { ignoreIndex, reduction });
  return ENGINE.tidy(() => {
    const C = logits.shape[logits.ndim - 1]!;
    const out = ENGINE.run('crossEntropy', [logits.reshape(-1, C), targets.reshape(-1)], {
      ignoreIndex,
      reduction,
    });
    return reduction === 'none' ? out.reshape(lead) : out;
  });
}

/** Lower triangle of the last two axes (`torch.tril`); the rest becomes 0. Used for causal masks. */
export function tril(x: Tensor, diagonal = 0): Tensor {
  return triangle('tril', x, diagonal, true);
}

/** Upper triangle of the last two axes (`torch.triu`). */
export function triu(x: Tensor, diagonal = 0): Tensor {
  return triangle('triu', x, diagonal, false);
}

function triangle(op: string, x: Tensor, diagonal: number, lower: boolean): Tensor {
  if (x.ndim < 2) throw new Error(`${op}: expected at least 2 dims, got shape ${fmtShape(x.shape)}.`);
  const R = x.shape[x.ndim - 2]!;
  const C = x.shape[x.ndim - 1]!;
  const mask = new Float32Array(R * C);
  for (let i = 0; i < R; i++)
    for (let j = 0; j < C; j++) mask[i * C + j] = (lower ? j - i <= diagonal : j - i >= diagonal) ? 1 : 0;
  return ENGINE.tidy(() => x.where(fromValues(op, mask, [R, C], { device: x.backend }, 'float32'), 0));
}
