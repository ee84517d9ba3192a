import { fmtShape } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { type AllCloseOptions, allClose } from './all-close.js';

/** How a gradient derived by hand compares with the one autograd computed: the fields of the lecture's `cmp`. */
export interface GradientComparison {
  /** The tensor whose gradient was compared, e.g. `logprobs`. */
  readonly name: string;
  /** Every element is bit-for-bit equal (PyTorch's `torch.all(dt == t.grad)`). */
  readonly exact: boolean;
  /** Every element is within tolerance (PyTorch's `torch.allclose`, by default `rtol` 1e-5 and `atol` 1e-8). */
  readonly approximate: boolean;
  /** The largest absolute difference of two elements; NaN when either side holds a NaN. */
  readonly maxDiff: number;
}

/**
 * Compares a gradient derived by hand with autograd's, as the `cmp` of the lecture "Becoming a backprop
 * ninja". The shapes must be equal: a hand-derived gradient that only broadcasts to the right shape
 * (a forgotten `sum` over a broadcast axis) is the mistake this check exists to catch.
 *
 * @param name - what is compared, for the report
 * @param manual - the gradient derived by hand
 * @param autograd - autograd's gradient (a leaf's `.grad`)
 * @param options - the tolerances of `approximate` (those of {@link allClose})
 * @returns whether they are equal, close, and how far apart
 * @throws Error when `autograd` is null (nothing was backpropagated to it) or the shapes differ
 *
 * @example
 * ```ts
 * const x = randn([4, 3], { generator: new Generator(0), dtype: 'float64', requiresGrad: true });
 * x.tanh().sum().backward();
 * const dx = onesLike(x).sub(x.tanh().square()); // d tanh(x) / dx = 1 - tanh(x)²
 * formatGradientComparison(compareGradients('x', dx, x.grad));
 * // 'x               | exact: True  | approximate: True  | maxdiff: 0'
 * ```
 */
export function compareGradients(
  name: string,
  manual: Tensor,
  autograd: Tensor | null,
  options: AllCloseOptions = {},
): GradientComparison {
  if (autograd === null) {
    throw new Error(`compareGradients: ${name} has no autograd gradient; did backward() reach it?`);
  }
  if (manual.ndim !== autograd.ndim || manual.shape.some((d, i) => d !== autograd.shape[i])) {
    throw new Error(
      `compareGradients: ${name}'s manual gradient has shape ${fmtShape(manual.shape)}, autograd's ${fmtShape(autograd.shape)}.`,
    );
  }
  const a = manual.dataSync();
  const b = autograd.dataSync();
  let exact = true;
  let maxDiff = 0;
  for (let i = 0; i < a.length; i++) {
    const diff = Math.abs(a[i]! - b[i]!);
    if (!(diff === 0)) exact = false;
    // NaN compares false either way, so test it explicitly: once NaN, the maximum stays NaN.
    if (Number.isNaN(diff)) maxDiff = Number.NaN;
    else if (diff > maxDiff) maxDiff = diff;
  }
  return { name, exact, approximate: allClose(a, b, options), maxDiff };
}

/**
 * One comparison as the lecture's `cmp` prints it, padded into columns with Python's `True`/`False`,
 * so it reads side by side with the notebook: `dh              | exact: True  | approximate: True  | maxdiff: 0`.
 *
 * @param comparison - what {@link compareGradients} found
 * @returns the line, without a newline
 */
export function formatGradientComparison(comparison: GradientComparison): string {
  const python = (value: boolean) => (value ? 'True' : 'False').padEnd(5);
  return `${comparison.name.padEnd(15)} | exact: ${python(comparison.exact)} | approximate: ${python(comparison.approximate)} | maxdiff: ${comparison.maxDiff}`;
}
