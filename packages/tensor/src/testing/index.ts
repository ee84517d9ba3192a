/**
 * `@makemore/tensor/testing`: gradient checking and tensor comparison for tests. `gradcheck`,
 * `allClose` and `compareGradients` (hand-derived gradients against autograd's) have no test-runner
 * dependency; the `toBeAllClose` matcher is for vitest (an optional
 * peer dependency, needed only for the matcher's types).
 *
 * @packageDocumentation
 */
// Type-only: brings vitest's declarations into the build so the matcher can augment them.
import type {} from 'vitest';
import { ENGINE } from '../engine.js';
import { Generator } from '../random.js';
import { fmtShape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { type AllCloseOptions, allCloseMismatch, type CloseInput } from './all-close.js';

/** Options of {@link gradcheck}. */
export interface GradcheckOptions {
  /** Finite-difference step (default 1e-6). */
  eps?: number | undefined;
  /** Absolute tolerance (default 1e-5). */
  atol?: number | undefined;
  /** Relative tolerance (default 1e-3). */
  rtol?: number | undefined;
  /** Seed of the random projection of non-scalar outputs (default 0). */
  seed?: number | undefined;
  /** Throw an error describing the worst mismatch (default true); otherwise just report it. */
  throwOnFailure?: boolean | undefined;
}

/** One compared gradient element. */
export interface GradcheckMismatch {
  /** Which input (position in the `inputs` list). */
  input: number;
  /** Flat element index within that input. */
  index: number;
  /** Gradient from `backward()`. */
  analytic: number;
  /** Gradient from central differences. */
  numeric: number;
}

/** What {@link gradcheck} found. */
export interface GradcheckResult {
  /** True when every element is within `atol + rtol * |numeric|`. */
  ok: boolean;
  /** Largest `|analytic - numeric|`. */
  maxAbsError: number;
  /** Elements compared. */
  checked: number;
  /** The element with the largest error relative to its tolerance, if any. */
  worst: GradcheckMismatch | null;
}

/**
 * Compares the gradients `backward()` computes with central differences, as `torch.autograd.gradcheck`.
 * `fn` maps the inputs to a tensor; a non-scalar output is reduced with a fixed random projection
 * `sum(out * R)` so every output element is checked. Inputs that require grad must be float64.
 *
 * @example
 * ```ts
 * const g = new Generator(0);
 * const x = randn([3, 4], { generator: g, dtype: 'float64', requiresGrad: true });
 * gradcheck((t) => t.tanh(), [x]); // throws if the tanh rule were wrong
 * ```
 */
export function gradcheck(
  fn: (...inputs: Tensor[]) => Tensor,
  inputs: readonly Tensor[],
  options: GradcheckOptions = {},
): GradcheckResult {
  const eps = options.eps ?? 1e-6;
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-3;
  const checkedInputs = inputs.map((t, i) => {
    if (t.requiresGrad && t.dtype !== 'float64') {
      throw new Error(
        `gradcheck: input ${i} requires grad but is ${t.dtype}; use float64 for finite differences.`,
      );
    }
    return t.requiresGrad;
  });
  if (!checkedInputs.some(Boolean)) throw new Error('gradcheck: no input requires grad.');

  // The projection R is drawn once from the output's shape; the scalar objective is sum(out * R).
  let projection: Float64Array | null = null;
  const objective = (): Tensor => {
    const out = fn(...inputs);
    if (!(out instanceof Tensor)) throw new Error('gradcheck: fn must return a Tensor.');
    if (projection === null) {
      projection = new Float64Array(out.numel());
      new Generator(options.seed ?? 0).fillNormal(projection);
    }
    const r = ENGINE.makeTensor(out.shape, 'float64', out.backend);
    out.backend.write(r.dataId, projection);
    return out.cast('float64').mul(r).sum();
  };

  for (const t of inputs) t.zeroGrad();
  ENGINE.tidy(() => objective().backward());
  const analytic = inputs.map((t, i) => {
    if (!checkedInputs[i]) return null;
    return t.grad ? (t.grad.dataSync() as Float64Array) : new Float64Array(t.numel());
  });
  for (const t of inputs) t.zeroGrad();

  let maxAbsError = 0;
  let worstRatio = -1;
  let worst: GradcheckMismatch | null = null;
  let ok = true;
  let checked = 0;
  ENGINE.noGrad(() => {
    inputs.forEach((t, i) => {
      const a = analytic[i];
      if (!a) return;
      const values = t.dataSync();
      for (let j = 0; j < values.length; j++) {
        const orig = values[j]!;
        values[j] = orig + eps;
        t.backend.write(t.dataId, values);
        const plus = ENGINE.tidy(() => objective().item());
        values[j] = orig - eps;
        t.backend.write(t.dataId, values);
        const minus = ENGINE.tidy(() => objective().item());
        values[j] = orig;
        t.backend.write(t.dataId, values);
        const numeric = (plus - minus) / (2 * eps);
        const err = Math.abs(a[j]! - numeric);
        const tol = atol + rtol * Math.abs(numeric);
        checked++;
        if (!(err <= tol)) ok = false;
        if (Number.isNaN(err) || err > maxAbsError) maxAbsError = Number.isNaN(err) ? Number.NaN : err;
        const ratio = Number.isNaN(err) ? Number.POSITIVE_INFINITY : err / tol;
        if (ratio > worstRatio) {
          worstRatio = ratio;
          worst = { input: i, index: j, analytic: a[j]!, numeric };
        }
      }
    });
  });
  const result: GradcheckResult = { ok, maxAbsError, checked, worst };
  if (!ok && (options.throwOnFailure ?? true)) {
    const w = result.worst!;
    throw new Error(
      `gradcheck failed: input ${w.input} (shape ${fmtShape(inputs[w.input]!.shape)}) element ${w.index}: ` +
        `analytic ${w.analytic} vs numeric ${w.numeric} (atol ${atol}, rtol ${rtol}).`,
    );
  }
  return result;
}

/** What a vitest matcher returns. */
export interface MatcherResult {
  /** Whether the assertion held. */
  pass: boolean;
  /** The failure message. */
  message: () => string;
}

/**
 * Vitest matcher: `expect(t).toBeAllClose(expected, { rtol, atol })`. Register it once with
 * `expect.extend({ toBeAllClose })` (e.g. in a setup file).
 */
export function toBeAllClose(
  this: { isNot?: boolean } | undefined,
  received: unknown,
  expected: CloseInput,
  options: AllCloseOptions = {},
): MatcherResult {
  const why =
    received instanceof Tensor ||
    typeof received === 'number' ||
    Array.isArray(received) ||
    ArrayBuffer.isView(received)
      ? allCloseMismatch(received as CloseInput, expected, options)
      : `received ${String(received)} is not a tensor, array or number`;
  const pass = why === null;
  return {
    pass,
    message: () =>
      pass ? 'expected values not to be all close, but they are' : `expected values to be all close: ${why}`,
  };
}

/** All matchers of this module, for `expect.extend(matchers)`. */
export const matchers: {
  /** See {@link toBeAllClose}. */
  toBeAllClose: typeof toBeAllClose;
} = { toBeAllClose };

declare module 'vitest' {
  interface Assertion<T> {
    /** Asserts elementwise closeness to a tensor, nested array or number (see {@link allClose}). */
    toBeAllClose(expected: CloseInput, options?: AllCloseOptions): T;
  }
  interface AsymmetricMatchersContaining {
    /** Asymmetric form of `toBeAllClose`. */
    toBeAllClose(expected: CloseInput, options?: AllCloseOptions): void;
  }
}

export { type AllCloseOptions, allClose, allCloseMismatch, type CloseInput } from './all-close.js';
export { AsyncReadbackBackend } from './async-readback-backend.js';
export {
  compareGradients,
  formatGradientComparison,
  type GradientComparison,
} from './compare-gradients.js';
export {
  COMPOSITE_CASES,
  CONFORMANCE_CASES,
  type ConformanceCase,
  type ConformanceEntry,
  conformanceCases,
} from './conformance/cases.js';
export {
  type ConformanceCheckOptions,
  checkConformanceCase,
  checkMlpConformance,
} from './conformance/check.js';
export { CaseMaker, type RandnOptions } from './conformance/maker.js';
export {
  disposeMlpFixture,
  MLP_SIZES,
  type MlpFixture,
  mlpFixture,
  mlpTrainingStep,
  readValues,
} from './conformance/mlp.js';
export {
  type ConformanceOptions,
  type ConformanceRunner,
  runBackendConformance,
} from './conformance/suite.js';
