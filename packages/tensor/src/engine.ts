import type { Backend, BackendMemory } from './backend.js';
import { CpuBackend } from './cpu/backend.js';
import type { DType } from './dtype.js';
import type { OpAttrs, OpName } from './ops/attrs.js';
import { UNARY_FNS } from './ops/elementwise.js';
import { assertSameSize } from './ops/layout.js';
import { OPS } from './ops/registry.js';
import type { BackwardContext, ForwardContext } from './ops/types.js';
import type { OpProfile } from './profile.js';
import { fmtShape, type Shape, shapesEqual, sizeOf } from './shape.js';
import { Storage, Tensor } from './tensor.js';

/** The record an op leaves on its output so that `backward()` can run its rule. */
export interface GraphNode {
  /** Op name, shown as `grad_fn`. */
  readonly op: OpName;
  /** The op's inputs (each holds one reference for as long as this node lives). */
  readonly inputs: readonly Tensor[];
  /** The op's attributes. */
  readonly attrs: unknown;
  /** Extra tensors saved by forward. */
  readonly saved: readonly Tensor[];
}

/** Live-object counts, for leak tests. */
export interface MemoryInfo extends BackendMemory {
  /** Tensors whose storage has not been freed (disposed tensors still needed by a graph count). */
  numTensors: number;
}

/** What a `tidy` function may return: tensors (alone or in arrays and plain objects) are kept. */
export type TidyResult =
  | Tensor
  | readonly unknown[]
  | Record<string, unknown>
  | undefined
  // biome-ignore lint/suspicious/noConfusingVoidType: tidy(fn) accepts functions that return nothing
  | void
  | number
  | string
  | boolean;

/**
 * Global state of the tensor core: grad mode, tidy scopes, live counts and the default backend.
 * The PyTorch-style API (`noGrad(fn)`, `tidy(fn)`) is dynamically scoped, so this one object is
 * module-level; everything else (RNG, backend choice) is passed explicitly.
 */
export class Engine {
  /** False inside `noGrad`. */
  gradEnabled = true;
  /** The backend new tensors go to unless a `device` is given. */
  defaultBackend: Backend;
  /** Tensors alive. */
  numTensors = 0;
  /** The op profile being recorded (see `profileOps`), or null. */
  profiler: OpProfile | null = null;
  private readonly scopes: Tensor[][] = [];
  private nextId = 1;
  private inBackward = 0;

  constructor(backend: Backend) {
    this.defaultBackend = backend;
  }

  /** Creates a tensor over new (or given, shared) storage and registers it with the current scope. */
  makeTensor(shape: Shape, dtype: DType, backend: Backend, storage?: Storage, track = true): Tensor {
    const st = storage ?? new Storage(backend, backend.alloc(sizeOf(shape), dtype), dtype);
    if (storage) storage.refs++;
    const t = new Tensor(shape, dtype, st, this.nextId++);
    this.numTensors++;
    if (track) {
      const scope = this.scopes[this.scopes.length - 1];
      if (scope) scope.push(t);
    }
    return t;
  }

  /** A 0-d constant. */
  scalar(value: number, dtype: DType, backend: Backend): Tensor {
    const t = this.makeTensor([], dtype, backend);
    backend.kernels.fill(t, value);
    return t;
  }

  /**
   * Runs a primitive op: forward through the backend's kernel and, when grad mode is on and an input
   * requires grad, a graph node on the output.
   */
  run<P extends OpName>(name: P, inputs: readonly Tensor[], attrs: OpAttrs[P]): Tensor {
    const def = OPS[name];
    const first = inputs[0]!;
    const backend = first.storage.backend;
    let needs = false;
    for (const t of inputs) {
      if (t.isFreed || (t.isDisposed && this.inBackward === 0)) {
        throw new Error(`${name}: an input tensor (shape ${fmtShape(t.shape)}) was disposed.`);
      }
      if (t.storage.backend !== backend) {
        throw new Error(
          `${name}: inputs are on different backends (${backend.name} and ${t.storage.backend.name}).`,
        );
      }
      if (t.requiresGrad) needs = true;
    }
    needs = needs && this.gradEnabled && def.backward !== null;
    let saved: Tensor[] | null = null;
    const ctx: ForwardContext = {
      backend,
      empty: (shape, dtype) => this.makeTensor(shape, dtype, backend),
      view: (x, shape) => {
        assertSameSize(name, x.shape, shape);
        return this.makeTensor(shape, x.dtype, backend, x.storage);
      },
      save: (t) => {
        if (saved === null) saved = [];
        saved.push(t);
      },
    };
    const started = this.profiler ? performance.now() : 0;
    const out = (def.forward as (i: readonly Tensor[], a: OpAttrs[P], c: ForwardContext) => Tensor)(
      inputs,
      attrs,
      ctx,
    );
    if (this.profiler) this.recordOp(name, started);
    if (needs) {
      out.requiresGrad = true;
      for (const t of inputs) t.refs++;
      if (saved) for (const t of saved as Tensor[]) t.refs++;
      out.node = { op: name, inputs, attrs, saved: saved ?? [] };
    }
    // Saved tensors belong to the graph (or to nobody): drop the handle the scope would otherwise own.
    if (saved) for (const t of saved as Tensor[]) t.dispose();
    return out;
  }

  /** Records one call of `op` begun at `started` (a `performance.now()` time) in the current phase. */
  recordOp(op: string, started: number): void {
    const p = this.profiler;
    if (p) p.record(this.inBackward > 0 ? 'backward' : p.phase, op, performance.now() - started);
  }

  /** Releases the user's handle on `t`; its storage is freed once no graph node needs it either. */
  dispose(t: Tensor): void {
    if (t.isDisposed) return;
    t.isDisposed = true;
    this.release(t);
  }

  private release(root: Tensor): void {
    // Iterative so that freeing a long graph (an RNN unrolled over many steps) cannot overflow the stack.
    const stack = [root];
    while (stack.length > 0) {
      const t = stack.pop()!;
      if (--t.refs > 0) continue;
      t.isFreed = true;
      this.numTensors--;
      const st = t.storage;
      if (--st.refs === 0) st.backend.release(st.dataId);
      const node = t.node;
      if (node) {
        t.node = null;
        for (const x of node.inputs) stack.push(x);
        for (const x of node.saved) stack.push(x);
      }
      if (t.grad) {
        const g = t.grad;
        t.grad = null;
        this.dispose(g);
      }
    }
  }

  /** Runs `fn` and disposes every tensor it created except those it returns or that were kept. */
  tidy<T extends TidyResult>(fn: () => T): T {
    const scope: Tensor[] = [];
    this.scopes.push(scope);
    let result: T;
    try {
      result = fn();
    } catch (e) {
      this.scopes.pop();
      for (const t of scope) if (!t.isKept) this.dispose(t);
      throw e;
    }
    this.scopes.pop();
    if (result instanceof Promise) {
      throw new Error('tidy: the function must be synchronous; await outside tidy and dispose by hand.');
    }
    const keep = new Set<Tensor>();
    collectTensors(result, keep);
    const parent = this.scopes[this.scopes.length - 1];
    for (const t of scope) {
      if (keep.has(t)) {
        if (parent) parent.push(t);
      } else if (!t.isKept) this.dispose(t);
    }
    return result;
  }

  /** Runs `fn` with gradient recording off. */
  noGrad<T>(fn: () => T): T {
    const prev = this.gradEnabled;
    this.gradEnabled = false;
    try {
      return fn();
    } finally {
      this.gradEnabled = prev;
    }
  }

  /** Reverse-mode differentiation from `root` into the `.grad` of every leaf that requires grad. */
  backward(root: Tensor, gradient?: Tensor): void {
    if (root.isDisposed || root.isFreed) throw new Error('backward: the tensor was disposed.');
    if (!root.requiresGrad) {
      throw new Error(
        'backward: the tensor does not require grad; set requiresGrad on a leaf it depends on (and not under noGrad).',
      );
    }
    if (gradient === undefined && root.numel() !== 1) {
      throw new Error(
        `backward: grad can be implicitly created only for a single-element tensor, got shape ${fmtShape(root.shape)}; pass a gradient.`,
      );
    }
    if (gradient !== undefined && !shapesEqual(gradient.shape, root.shape)) {
      throw new Error(
        `backward: gradient shape ${fmtShape(gradient.shape)} does not match the tensor's shape ${fmtShape(root.shape)}.`,
      );
    }
    const order = topoOrder(root);
    this.inBackward++;
    try {
      this.tidy(() =>
        this.noGrad(() => {
          const backend = root.storage.backend;
          const grads = new Map<Tensor, Tensor>();
          grads.set(root, gradient ?? this.scalar(1, root.dtype, backend).reshape(root.shape));
          for (const t of order) {
            const g = grads.get(t);
            if (!g) continue;
            const node = t.node;
            if (!node) {
              this.accumulateLeafGrad(t, g);
              continue;
            }
            const def = OPS[node.op];
            const needsGrad = node.inputs.map((x) => x.requiresGrad);
            const ctx: BackwardContext<unknown> = {
              inputs: node.inputs,
              output: t,
              attrs: node.attrs,
              saved: node.saved,
              needsGrad,
            };
            const ins = (def.backward as (dy: Tensor, c: BackwardContext<unknown>) => (Tensor | null)[])(
              g,
              ctx,
            );
            for (let i = 0; i < node.inputs.length; i++) {
              const x = node.inputs[i]!;
              let gi = ins[i];
              if (!gi || !x.requiresGrad) continue;
              if (!shapesEqual(gi.shape, x.shape)) gi = sumTo(gi, x.shape, node.op);
              if (gi.dtype !== x.dtype) gi = gi.cast(x.dtype);
              const prev = grads.get(x);
              grads.set(x, prev ? prev.add(gi) : gi);
            }
          }
        }),
      );
    } finally {
      this.inBackward--;
    }
  }

  private accumulateLeafGrad(t: Tensor, g: Tensor): void {
    const started = this.profiler ? performance.now() : 0;
    this.accumulateLeafGradUntimed(t, g);
    this.recordOp('accumulateGrad', started);
  }

  private accumulateLeafGradUntimed(t: Tensor, g: Tensor): void {
    const backend = t.storage.backend;
    if (t.grad) {
      backend.kernels.axpy(t.grad, g, 1, t.grad);
    } else {
      const copy = this.makeTensor(t.shape, t.dtype, backend, undefined, false);
      backend.kernels.unary(g, copy, UNARY_FNS.copy);
      t.grad = copy;
    }
  }

  /** Live counts: tensors plus the default backend's buffers. */
  memory(): MemoryInfo {
    return { numTensors: this.numTensors, ...this.defaultBackend.memory() };
  }
}

/** Sums a broadcast gradient back to `shape` (the single place broadcasting is undone). */
function sumTo(g: Tensor, shape: Shape, op: string): Tensor {
  const lead = g.shape.length - shape.length;
  if (lead < 0) {
    throw new Error(
      `${op}: backward produced a gradient of shape ${fmtShape(g.shape)} for an input of shape ${fmtShape(shape)}.`,
    );
  }
  const axes: number[] = [];
  for (let i = 0; i < g.shape.length; i++) {
    if (i < lead || (shape[i - lead] === 1 && g.shape[i] !== 1)) axes.push(i);
  }
  const r = axes.length > 0 ? g.sum(axes, true) : g;
  return r.reshape(shape);
}

/** Tensors reachable from `root` through graph nodes, consumers before their inputs. */
function topoOrder(root: Tensor): Tensor[] {
  const post: Tensor[] = [];
  const seen = new Set<Tensor>([root]);
  const stack: [Tensor, number][] = [[root, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const [t, i] = top;
    const inputs = t.node?.inputs ?? [];
    if (i < inputs.length) {
      top[1]++;
      const x = inputs[i]!;
      if (x.requiresGrad && !seen.has(x)) {
        seen.add(x);
        stack.push([x, 0]);
      }
    } else {
      stack.pop();
      post.push(t);
    }
  }
  return post.reverse();
}

function collectTensors(v: unknown, into: Set<Tensor>): void {
  if (v instanceof Tensor) into.add(v);
  else if (Array.isArray(v)) for (const x of v) collectTensors(x, into);
  else if (v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    for (const x of Object.values(v)) collectTensors(x, into);
  }
}

/** The engine behind the functional API. */
export const ENGINE = new Engine(new CpuBackend());
