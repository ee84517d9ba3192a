import type { Backend } from './backend.js';
import { ENGINE, type MemoryInfo, type TidyResult } from './engine.js';
import type { OpProfile } from './profile.js';
import { Tensor } from './tensor.js';

// What PyTorch's API makes dynamically scoped: tidy scopes, grad mode, op profiling, the default
// backend; and the disposal helpers that go with tidy.

/**
 * Runs `fn` and disposes every tensor created inside it, except the ones it returns (a tensor, or
 * arrays/objects of tensors) and those passed to {@link keep}. Scopes nest. Gradients written to
 * leaves' `.grad` survive.
 *
 * @example
 * ```ts
 * const w = randn([3, 3], { generator: new Generator(1), requiresGrad: true });
 * tidy(() => {
 *   const loss = w.tanh().square().sum();
 *   loss.backward();
 * }); // loss and the intermediates are freed; w.grad stays
 * ```
 */
export function tidy<T extends TidyResult>(fn: () => T): T {
  return ENGINE.tidy(fn);
}

/** Runs `fn` without recording gradients (PyTorch's `torch.no_grad()`), e.g. for parameter updates. */
export function noGrad<T>(fn: () => T): T {
  return ENGINE.noGrad(fn);
}

/**
 * Runs `fn` with `profile` recording the time and call count of every op (see {@link OpProfile});
 * set `profile.phase = 'optimizer'` around an optimizer step inside `fn` to file its updates there.
 *
 * @example
 * ```ts
 * const w = randn([30, 200], { generator: new Generator(1), requiresGrad: true });
 * const profile = new OpProfile();
 * profileOps(profile, () => tidy(() => ones([32, 30]).matmul(w).tanh().sum().backward()));
 * profile.table().map((r) => `${r.phase} ${r.op} ×${r.calls}`);
 * // ['forward matmul ×1', 'backward matmul ×1', ...] in the order of time spent
 * ```
 */
export function profileOps<T>(profile: OpProfile, fn: () => T): T {
  const previous = ENGINE.profiler;
  ENGINE.profiler = profile;
  try {
    return fn();
  } finally {
    ENGINE.profiler = previous;
  }
}

/** Whether operations currently record gradients. */
export function isGradEnabled(): boolean {
  return ENGINE.gradEnabled;
}

/** Marks a tensor to survive the enclosing tidy scopes; returns it. */
export function keep<T extends Tensor>(t: T): T {
  t.isKept = true;
  return t;
}

/** Disposes one tensor or several. */
export function dispose(tensors: Tensor | readonly Tensor[] | Record<string, Tensor>): void {
  if (tensors instanceof Tensor) tensors.dispose();
  else for (const t of Object.values(tensors)) t.dispose();
}

/** Clears `.grad` of each parameter. */
export function zeroGrad(params: Iterable<Tensor>): void {
  for (const p of params) p.zeroGrad();
}

/** Live tensors and the default backend's buffer counts, for leak tests. */
export function memory(): MemoryInfo {
  return ENGINE.memory();
}

/** The backend tensors are created on when no `device` is given. */
export function getDefaultBackend(): Backend {
  return ENGINE.defaultBackend;
}

/**
 * Makes `backend` the one new tensors are created on when no `device` is given, so that a model and
 * its training run entirely there (ops follow their inputs' backend). Set it before creating
 * tensors: ops refuse to mix tensors of two backends.
 *
 * @param backend - e.g. a gpu.js backend from `@makemore/gpu`'s `selectDevice`
 * @returns the previous default, to restore it later
 * @example
 * ```ts
 * const previous = setDefaultBackend(new CpuBackend());
 * const x = zeros([2, 3]); // on the new default backend
 * setDefaultBackend(previous);
 * ```
 */
export function setDefaultBackend(backend: Backend): Backend {
  const previous = ENGINE.defaultBackend;
  ENGINE.defaultBackend = backend;
  return previous;
}
