import { type Backend, CpuBackend, dispose, type Tensor, type TypedArray, tidy } from '../../index.js';
import { allCloseMismatch } from '../all-close.js';
import type { ConformanceEntry } from './cases.js';
import { CaseMaker } from './maker.js';
import { disposeMlpFixture, type MlpFixture, mlpFixture, mlpTrainingStep, readValues } from './mlp.js';

/** How a backend is compared with the reference. */
export interface ConformanceCheckOptions<B extends Backend = Backend> {
  /** The backend whose results are taken as right (default: a `CpuBackend`). */
  reference?: Backend | undefined;
  /** Absolute tolerance of outputs and gradients (default 1e-5, float32 arithmetic in another order). */
  atol?: number | undefined;
  /** Relative tolerance of outputs and gradients (default 1e-4). */
  rtol?: number | undefined;
  /**
   * Device resources the backend holds besides its buffers (e.g. gpu.js's live textures); like the
   * buffer count, it must be the same after each check as before.
   */
  liveResources?: ((backend: B) => number) | undefined;
}

// One CPU backend serves every check that names no reference (a backend is not free to create).
let defaultReference: Backend | undefined;
function referenceOf(options: ConformanceCheckOptions<never>): Backend {
  if (options.reference) return options.reference;
  defaultReference ??= new CpuBackend();
  return defaultReference;
}

/** What a case produced on one backend: its output and every leaf's gradient, read back. */
interface CaseResult {
  readonly out: TypedArray;
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly grads: TypedArray[];
}

/**
 * Runs a case on `device` inside a scope (so its intermediates are freed) and, when the output
 * depends on a leaf, backpropagates a seeded random gradient through it; reads back the output and
 * the leaves' gradients and frees them.
 */
async function runCase(entry: ConformanceEntry, device: Backend): Promise<CaseResult> {
  const { out, grads } = tidy(() => {
    const m = new CaseMaker(device, entry.seed);
    const out = entry.case.run(m);
    const grads: (Tensor | null)[] = [];
    if (out.requiresGrad) {
      out.backward(m.randn([...out.shape], { grad: false }));
      for (const leaf of m.leaves) grads.push(leaf.grad);
    }
    return { out, grads };
  }) as { out: Tensor; grads: (Tensor | null)[] };
  try {
    return {
      out: await readValues(out),
      dtype: out.dtype,
      shape: out.shape,
      grads: await Promise.all(grads.map((g) => (g ? readValues(g) : new Float32Array(0)))),
    };
  } finally {
    dispose([out, ...grads.filter((g) => g !== null)]);
  }
}

/** Counts what a backend holds, to find what a check left behind. */
function holdings<B extends Backend>(backend: B, options: ConformanceCheckOptions<B>): string {
  const extra = options.liveResources ? `, ${options.liveResources(backend)} device resources` : '';
  return `${backend.memory().numBuffers} buffers${extra}`;
}

function closeness(
  what: string,
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  atol: number,
  rtol: number,
) {
  const why = allCloseMismatch(got, want, { atol, rtol, equalNan: true });
  return why === null ? [] : [`${what}: ${why}`];
}

/**
 * Runs one case on `backend` and on the reference and lists every way `backend` differs: shape,
 * dtype, array type, output values, gradients, and buffers (or other device resources) left alive.
 * An empty list means it conforms. Runs anywhere (no test runner), e.g. inside a browser page.
 *
 * @example
 * ```ts
 * const firstMatmul = conformanceCases().find((e) => e.name.startsWith('matmul'))!;
 * await checkConformanceCase(firstMatmul, new AsyncReadbackBackend()); // []: it computes as the CPU backend
 * ```
 */
export async function checkConformanceCase<B extends Backend>(
  entry: ConformanceEntry,
  backend: B,
  options: ConformanceCheckOptions<B> = {},
): Promise<string[]> {
  const atol = options.atol ?? 1e-5;
  const rtol = options.rtol ?? 1e-4;
  const before = holdings(backend, options);
  const want = await runCase(entry, referenceOf(options));
  let got: CaseResult;
  try {
    got = await runCase(entry, backend);
  } catch (e) {
    return [`threw: ${e instanceof Error ? e.message : String(e)}`];
  }
  const problems: string[] = [];
  const same = (what: string, a: unknown, b: unknown) => {
    if (a !== b) problems.push(`${what}: ${String(a)} vs ${String(b)}`);
  };
  same('shape', `[${got.shape.join(', ')}]`, `[${want.shape.join(', ')}]`);
  same('dtype', got.dtype, want.dtype);
  same('array type', got.out.constructor.name, want.out.constructor.name);
  problems.push(...closeness('output', got.out, want.out, atol, rtol));
  same('gradients', got.grads.length, want.grads.length);
  for (const [i, g] of got.grads.entries()) {
    problems.push(...closeness(`grad of input ${i}`, g, want.grads[i] ?? [], atol, rtol));
  }
  // The scope freed every buffer (and device resource) the case made, gradients included.
  same('held after the case', holdings(backend, options), before);
  return problems;
}

/**
 * Two SGD steps of the lecture's MLP (batch 32, block 3, embedding 10, hidden 200, vocab 27) on
 * `backend` and on the reference: lists where the losses, gradients or updated parameters differ,
 * or what the backend still holds after the fixture is disposed. An empty list means it conforms.
 */
export async function checkMlpConformance<B extends Backend>(
  backend: B,
  options: ConformanceCheckOptions<B> = {},
): Promise<string[]> {
  const before = holdings(backend, options);
  const want = mlpFixture(referenceOf(options));
  const got = mlpFixture(backend);
  const problems: string[] = [];
  try {
    const [lossWant, lossGot] = [await mlpTrainingStep(want), await mlpTrainingStep(got)];
    if (!(Math.abs(lossGot - lossWant) < 1e-5 * Math.max(1, Math.abs(lossWant)))) {
      problems.push(`loss of step 1: ${lossGot} vs ${lossWant}`);
    }
    for (const name of Object.keys(want.params) as (keyof MlpFixture['params'])[]) {
      const [g, w] = [got.params[name], want.params[name]];
      problems.push(
        ...closeness(`grad of ${name}`, await readValues(g.grad!), await readValues(w.grad!), 1e-5, 1e-3),
      );
      problems.push(...closeness(`updated ${name}`, await readValues(g), await readValues(w), 1e-5, 1e-4));
    }
    // The second step starts from the updated parameters on each side.
    const [step2Want, step2Got] = [await mlpTrainingStep(want), await mlpTrainingStep(got)];
    if (!(Math.abs(step2Got - step2Want) < 1e-4))
      problems.push(`loss of step 2: ${step2Got} vs ${step2Want}`);
  } catch (e) {
    problems.push(`threw: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    disposeMlpFixture(want);
    disposeMlpFixture(got);
  }
  const after = holdings(backend, options);
  if (after !== before) problems.push(`held after disposing the MLP: ${after} vs ${before}`);
  return problems;
}
