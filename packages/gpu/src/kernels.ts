import {
  aroundAxis,
  type BinaryFn,
  type BinaryFnName,
  type Kernels,
  type Reduction,
  sizeOf,
  stridesOf,
  type TensorInfo,
  type UnaryFn,
  type UnaryFnName,
} from '@makemore/tensor';
import { attentionKernels } from './attention-kernels.js';
import { broadcastStrides, decompose, kernelSource, lit, offset } from './codegen.js';
import type { DeviceValue, GpuBuffer, Runtime } from './runtime.js';

const buf = (t: TensorInfo): GpuBuffer => t.dataId as GpuBuffer;

// Stable tanh for every mode: GLSL ES 1.00 has none, and exp(2x) overflows for large |x|.
const TANH = (x: string, t: string): string =>
  `const ${t}e = Math.exp(-2.0 * Math.abs(${x}));\nconst ${t}m = (1.0 - ${t}e) / (1.0 + ${t}e);\n` +
  `const ${t} = ${x} < 0.0 ? -${t}m : ${t}m;`;

const GELU_K = Math.sqrt(2 / Math.PI);
const GELU_C = 0.044715;

/** Statements that set `r` from `x` for a unary function. */
function unaryBody(name: UnaryFnName): string {
  switch (name) {
    case 'neg':
      return 'const r = -x;';
    case 'exp':
      return 'const r = Math.exp(x);';
    case 'log':
      return 'const r = Math.log(x);';
    case 'sqrt':
      return 'const r = Math.sqrt(x);';
    case 'tanh':
      return `${TANH('x', 't')}\nconst r = t;`;
    case 'relu':
      return 'const r = x > 0.0 ? x : 0.0;';
    case 'sigmoid':
      return 'const se = Math.exp(-Math.abs(x));\nconst r = x >= 0.0 ? 1.0 / (1.0 + se) : se / (1.0 + se);';
    case 'gelu':
      return `const u = ${lit(GELU_K)} * (x + ${lit(GELU_C)} * x * x * x);\n${TANH('u', 't')}\nconst r = 0.5 * x * (1.0 + t);`;
    case 'abs':
      return 'const r = Math.abs(x);';
    case 'sign':
      return 'const r = x > 0.0 ? 1.0 : (x < 0.0 ? -1.0 : 0.0);';
    case 'copy':
      return 'const r = x;';
    default:
      throw new Error(`gpu.js backend: no kernel for the unary function '${String(name)}'.`);
  }
}

/** Statements that set `r` from `va` and `vb` for a binary function. */
function binaryBody(name: BinaryFnName): string {
  switch (name) {
    case 'add':
      return 'const r = va + vb;';
    case 'sub':
      return 'const r = va - vb;';
    case 'mul':
      return 'const r = va * vb;';
    case 'div':
      return 'const r = va / vb;';
    case 'pow':
      // GLSL's pow is undefined for a negative base: take |a| and restore the sign for integer powers.
      return [
        'const pm = Math.pow(Math.abs(va), vb);',
        // 1.0 for an odd integer power (a float, since GLSL cannot store a bool in a float)
        'const podd = Math.abs(vb - Math.floor(vb * 0.5) * 2.0);',
        'let r = pm;',
        'if (vb === 0.0) { r = 1.0; }',
        'else if (va < 0.0) { if (Math.floor(vb) === vb) { r = podd > 0.5 ? -pm : pm; } else { r = Math.sqrt(va); } }',
      ].join('\n');
    case 'eq':
      return 'const r = va === vb ? 1.0 : 0.0;';
    case 'ne':
      return 'const r = va !== vb ? 1.0 : 0.0;';
    case 'gt':
      return 'const r = va > vb ? 1.0 : 0.0;';
    case 'ge':
      return 'const r = va >= vb ? 1.0 : 0.0;';
    case 'lt':
      return 'const r = va < vb ? 1.0 : 0.0;';
    case 'le':
      return 'const r = va <= vb ? 1.0 : 0.0;';
    case 'tanhGrad':
      return 'const r = va * (1.0 - vb * vb);';
    case 'sigmoidGrad':
      return 'const r = va * vb * (1.0 - vb);';
    case 'reluGrad':
      return 'const r = vb > 0.0 ? va : 0.0;';
    case 'geluGrad':
      return [
        `const u = ${lit(GELU_K)} * (vb + ${lit(GELU_C)} * vb * vb * vb);`,
        TANH('u', 't'),
        `const d = 0.5 * (1.0 + t) + 0.5 * vb * (1.0 - t * t) * ${lit(GELU_K)} * (1.0 + ${lit(3 * GELU_C)} * vb * vb);`,
        'const r = va * d;',
      ].join('\n');
    default:
      throw new Error(`gpu.js backend: no kernel for the binary function '${String(name)}'.`);
  }
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Largest run of a contiguous row reduction done by one thread; longer rows reduce in stages. */
const REDUCE_CHUNK = 1024;

/** The lines of a reduction over an `[N, C]` matrix: how many, how long, and where their elements lie. */
interface Lines {
  /** Lines (one output each). */
  count: number;
  /** Elements per line. */
  length: number;
  /** Flat index of line i's first element is `i · start`. */
  start: number;
  /** Distance between a line's consecutive elements. */
  step: number;
}

/** The N rows of an `[N, C]` matrix (layer norm's lines). */
function rows(N: number, C: number): Lines {
  return { count: N, length: C, start: C, step: 1 };
}

/** The C columns of an `[N, C]` matrix (batch norm's lines). */
function columns(N: number, C: number): Lines {
  return { count: C, length: N, start: 1, step: C };
}

/**
 * The gpu.js kernels, one generated source per op and shape family. Each method builds a launch,
 * and the runtime compiles it once (the source is the cache key) and keeps the result on the device.
 */
export function gpuKernels(rt: Runtime): Kernels {
  /** Checks int32 indices on the host: a kernel cannot throw, and a silent clamp would be wrong. */
  const checkIndices = (op: string, index: TensorInfo, size: number, allow?: number): void => {
    const v = rt.readFloats(buf(index));
    for (let i = 0; i < v.length; i++) {
      const x = v[i]!;
      if (x === allow) continue;
      if (!(x >= -size && x < size)) {
        throw new Error(`${op}: index ${x} is out of range for a dim of size ${size}.`);
      }
    }
  };

  /** An elementwise launch over `out.shape` reading each operand with broadcast strides. */
  const elementwise = (
    op: string,
    operands: readonly TensorInfo[],
    names: readonly string[],
    outShape: readonly number[],
    body: string,
    extraArgs: { names: string[]; values: number[] } = { names: [], values: [] },
  ): DeviceValue => {
    const lines: string[] = ['const i = this.thread.x;'];
    const needsCoords = operands.some((t) => !sameShape(t.shape, outShape));
    if (needsCoords) lines.push(decompose('i', outShape, 'c'));
    operands.forEach((t, k) => {
      const name = names[k]!;
      const idx = sameShape(t.shape, outShape)
        ? 'i'
        : sizeOf(t.shape) === 1
          ? '0.0'
          : offset('c', broadcastStrides(t.shape, outShape));
      lines.push(`const v${name} = ${name}[${idx}];`);
    });
    lines.push(body, 'return r;');
    return rt.launch({
      op,
      source: kernelSource([...names, ...extraArgs.names], lines.join('\n')),
      size: sizeOf(outShape),
      loop: 0,
      args: [...operands.map(buf), ...extraArgs.values],
    });
  };

  /** `out[i] = x[offset(coords(i))]` for an affine map of the output coordinates. */
  const remap = (op: string, x: TensorInfo, outShape: readonly number[], strides: number[], base: number) => {
    const body = [
      'const i = this.thread.x;',
      decompose('i', outShape, 'c'),
      `return x[${offset('c', strides, base)}];`,
    ].join('\n');
    return rt.launch({
      op,
      source: kernelSource(['x'], body),
      size: sizeOf(outShape),
      loop: 0,
      args: [buf(x)],
    });
  };

  /** Sum or max over the rows of a `[outer, len]` value, in stages of at most REDUCE_CHUNK. */
  const reduceRows = (
    src: GpuBuffer | DeviceValue,
    outer: number,
    len: number,
    op: 'sum' | 'max',
  ): DeviceValue => {
    const chunk = Math.min(REDUCE_CHUNK, rt.limits.maxLoopIterations);
    const parts = Math.ceil(len / chunk);
    const span = parts === 1 ? len : chunk;
    // Each part has at least one element, so max starts from it (and -Infinity survives).
    const init = op === 'max' ? 'x[base]' : '0.0';
    const first = op === 'max' ? 1 : 0;
    const step = op === 'max' ? 'if (v > acc || v !== v) { acc = v; }' : 'acc += v;';
    const guard = parts === 1 ? '' : `if (start + k >= ${lit(len)}) { break; }\n`;
    const body = [
      'const i = this.thread.x;',
      `const row = Math.floor((i + 0.5) / ${lit(parts)});`,
      `const part = i - row * ${lit(parts)};`,
      `const start = part * ${lit(span)};`,
      `const base = row * ${lit(len)} + start;`,
      `let acc = ${init};`,
      `for (let k = ${first}; k < ${span}; k++) {\n${guard}const v = x[base + k];\n${step}\n}`,
      'return acc;',
    ].join('\n');
    const v = rt.launch({
      op: `reduce ${op}`,
      source: kernelSource(['x'], body),
      size: outer * parts,
      loop: span,
      args: [src],
    });
    if (parts === 1) return v;
    try {
      return reduceRows(v, outer, parts, op);
    } finally {
      rt.free(v);
    }
  };

  return {
    unary(x, out, f: UnaryFn) {
      const v = elementwise(f.name, [x], ['a'], out.shape, `const x = va;\n${unaryBody(f.name)}`);
      rt.assign(buf(out), v);
    },

    binary(a, b, out, f: BinaryFn) {
      rt.assign(buf(out), elementwise(f.name, [a, b], ['a', 'b'], out.shape, binaryBody(f.name)));
    },

    axpy(a, b, alpha, out) {
      // alpha is a uniform, so a changing learning rate does not recompile the kernel.
      const v = elementwise('axpy', [a, b], ['a', 'b'], out.shape, 'const r = va + alpha * vb;', {
        names: ['alpha'],
        values: [alpha],
      });
      rt.assign(buf(out), v);
    },

    fill(out, value) {
      rt.assign(buf(out), new Float32Array(sizeOf(out.shape)).fill(value));
    },

    cast(x, out) {
      const body =
        out.dtype === 'int32' && x.dtype !== 'int32' ? 'const r = Math.trunc(va);' : 'const r = va;';
      rt.assign(buf(out), elementwise('cast', [x], ['a'], out.shape, body));
    },

    matmul(a, b, out, transA, transB) {
      const [B, M, N] = out.shape as [number, number, number];
      const K = transA ? a.shape[1]! : a.shape[2]!;
      const aBatch = a.shape[0] === 1 ? 0 : M * K;
      const bBatch = b.shape[0] === 1 ? 0 : K * N;
      // (b, m, n) -> a[b, m, k] and b[b, k, n] with the transposes read as strides
      const aOff = `c0 * ${lit(aBatch)} + ${transA ? 'c1' : `c1 * ${lit(K)}`}`;
      const aK = transA ? lit(M) : '1.0';
      const bOff = `c0 * ${lit(bBatch)} + ${transB ? `c2 * ${lit(K)}` : 'c2'}`;
      const bK = transB ? '1.0' : lit(N);
      const body = [
        'const i = this.thread.x;',
        decompose('i', [B, M, N], 'c'),
        `const ao = ${aOff};`,
        `const bo = ${bOff};`,
        'let s = 0.0;',
        `for (let k = 0; k < ${K}; k++) {\ns += a[ao + k * ${aK}] * b[bo + k * ${bK}];\n}`,
        'return s;',
      ].join('\n');
      rt.checkSize('matmul', sizeOf(a.shape));
      rt.checkSize('matmul', sizeOf(b.shape));
      const v = rt.launch({
        op: 'matmul',
        source: kernelSource(['a', 'b'], body),
        size: B * M * N,
        loop: K,
        args: [buf(a), buf(b)],
      });
      rt.assign(buf(out), v);
    },

    reduce(x, out, op, axes) {
      const shape = x.shape;
      if (axes.length === 0) {
        rt.assign(buf(out), elementwise('reduce', [x], ['a'], out.shape, 'const r = va;'));
        return;
      }
      const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
      const perm = [...kept, ...axes];
      const outer = kept.reduce((n, i) => n * shape[i]!, 1);
      const len = axes.reduce((n, i) => n * shape[i]!, 1);
      if (len === 0) {
        // An empty reduction: the sum is 0 and the max -Infinity, as on the CPU backend.
        rt.assign(buf(out), new Float32Array(outer).fill(op === 'max' ? Number.NEGATIVE_INFINITY : 0));
        return;
      }
      let src: GpuBuffer | DeviceValue = buf(x);
      let tmp: DeviceValue | null = null;
      if (perm.some((p, i) => p !== i)) {
        // Bring the reduced axes to the end so each output reads one contiguous row.
        const xs = stridesOf(shape);
        tmp = remap(
          'reduce',
          x,
          perm.map((p) => shape[p]!),
          perm.map((p) => xs[p]!),
          0,
        );
        src = tmp;
      }
      try {
        rt.assign(buf(out), reduceRows(src, outer, len, op));
      } finally {
        rt.free(tmp);
      }
    },

    argmax(x, out, axis) {
      const shape = x.shape;
      const { outer, inner } = aroundAxis(shape, axis);
      const red = shape[axis]!;
      const body = [
        'const i = this.thread.x;',
        decompose('i', [outer, inner], 'c'),
        `const base = c0 * ${lit(red * inner)} + c1;`,
        'let best = x[base];',
        'let bi = 0.0;',
        `for (let r = 1; r < ${red}; r++) {\nconst v = x[base + r * ${lit(inner)}];\n` +
          'if (v > best || (v !== v && best === best)) { best = v; bi = r; }\n}',
        'return bi;',
      ].join('\n');
      rt.assign(
        buf(out),
        rt.launch({
          op: 'argmax',
          source: kernelSource(['x'], body),
          size: outer * inner,
          loop: red,
          args: [buf(x)],
        }),
      );
    },

    permute(x, out, perm) {
      const xs = stridesOf(x.shape);
      rt.assign(
        buf(out),
        remap(
          'permute',
          x,
          out.shape,
          perm.map((p) => xs[p]!),
          0,
        ),
      );
    },

    broadcastTo(x, out) {
      rt.assign(buf(out), remap('broadcastTo', x, out.shape, broadcastStrides(x.shape, out.shape), 0));
    },

    slice(x, out, begin, step) {
      const xs = stridesOf(x.shape);
      const base = begin.reduce((s, b, i) => s + b * xs[i]!, 0);
      rt.assign(
        buf(out),
        remap(
          'slice',
          x,
          out.shape,
          xs.map((s, i) => s * step[i]!),
          base,
        ),
      );
    },

    sliceGrad(dy, out, begin, step) {
      const ds = stridesOf(dy.shape);
      const lines = ['const i = this.thread.x;', decompose('i', out.shape, 'c')];
      const terms: string[] = [];
      out.shape.forEach((_, ax) => {
        // t = (c - begin) / step must be a whole number inside dy's extent
        lines.push(`const t${ax} = (c${ax} - ${lit(begin[ax]!)}) / ${lit(step[ax]!)};`);
        lines.push(
          `if (t${ax} < 0.0 || t${ax} >= ${lit(dy.shape[ax]!)} || Math.floor(t${ax}) !== t${ax}) { return 0.0; }`,
        );
        if (ds[ax] !== 0) terms.push(`t${ax} * ${lit(ds[ax]!)}`);
      });
      lines.push(`return dy[${terms.length > 0 ? terms.join(' + ') : '0.0'}];`);
      const v = rt.launch({
        op: 'sliceGrad',
        source: kernelSource(['dy'], lines.join('\n')),
        size: sizeOf(out.shape),
        loop: 0,
        args: [buf(dy)],
      });
      rt.assign(buf(out), v);
    },

    concat(xs, out, axis) {
      const shape = out.shape;
      const { outer, inner } = aroundAxis(shape, axis);
      const rowLen = shape[axis]! * inner;
      // Devices cap the tensors one kernel may read: merge as many inputs per launch as the limit
      // allows with one more for `prev`, the columns done so far.
      const GROUP = rt.limits.maxKernelInputs - 1;
      let prev: DeviceValue | null = null;
      let col = 0;
      // Inputs with no elements add no columns (and an empty texture cannot be bound).
      const inputs = xs.filter((x) => sizeOf(x.shape) > 0);
      for (let g = 0; g < inputs.length; g += GROUP) {
        const group = inputs.slice(g, g + GROUP);
        const names = group.map((_, k) => `x${k}`);
        const lines = ['const i = this.thread.x;', decompose('i', [outer, rowLen], 'c')];
        const start = col;
        group.forEach((x, k) => {
          const chunk = x.shape[axis]! * inner;
          lines.push(
            `if (c1 < ${lit(col + chunk)}) { return x${k}[c0 * ${lit(chunk)} + c1 - ${lit(col)}]; }`,
          );
          col += chunk;
        });
        lines.push(prev === null ? 'return 0.0;' : `return prev[i];`);
        if (start > 0) lines.splice(2, 0, `if (c1 < ${lit(start)}) { return prev[i]; }`);
        const args: (GpuBuffer | DeviceValue)[] = group.map((x) => buf(x));
        if (prev !== null) args.push(prev);
        const v = rt.launch({
          op: 'concat',
          source: kernelSource(prev === null ? names : [...names, 'prev'], lines.join('\n')),
          size: sizeOf(shape),
          loop: 0,
          args,
        });
        rt.free(prev);
        prev = v;
      }
      rt.assign(buf(out), prev ?? new Float32Array(0));
    },

    take(x, index, out, axis) {
      const shape = x.shape;
      const d = shape[axis]!;
      checkIndices('index', index, d);
      const { outer, inner } = aroundAxis(shape, axis);
      const m = sizeOf(index.shape);
      const body = [
        'const i = this.thread.x;',
        decompose('i', [outer, m, inner], 'c'),
        'let j = idx[c1];',
        `if (j < 0.0) { j += ${lit(d)}; }`,
        `return x[(c0 * ${lit(d)} + j) * ${lit(inner)} + c2];`,
      ].join('\n');
      const v = rt.launch({
        op: 'index',
        source: kernelSource(['x', 'idx'], body),
        size: sizeOf(out.shape),
        loop: 0,
        args: [buf(x), buf(index)],
      });
      rt.assign(buf(out), v);
    },

    takeGrad(dy, index, out, axis) {
      const shape = out.shape;
      const d = shape[axis]!;
      checkIndices('index', index, d);
      const { outer, inner } = aroundAxis(shape, axis);
      const m = sizeOf(index.shape);
      // Gather-style scatter-add: each output row sums the dy rows whose index points at it.
      const body = [
        'const i = this.thread.x;',
        decompose('i', [outer, d, inner], 'c'),
        'let s = 0.0;',
        `for (let j = 0; j < ${m}; j++) {\nlet t = idx[j];\nif (t < 0.0) { t += ${lit(d)}; }\n` +
          `if (t === c1) { s += dy[(c0 * ${lit(m)} + j) * ${lit(inner)} + c2]; }\n}`,
        'return s;',
      ].join('\n');
      const v = rt.launch({
        op: 'indexGrad',
        source: kernelSource(['dy', 'idx'], body),
        size: sizeOf(shape),
        loop: m,
        args: [buf(dy), buf(index)],
      });
      rt.assign(buf(out), v);
    },

    gather(x, index, out, axis) {
      const d = x.shape[axis]!;
      checkIndices('gather', index, d);
      const xs = stridesOf(x.shape);
      const strides = xs.map((s, ax) => (ax === axis ? 0 : s));
      const body = [
        'const i = this.thread.x;',
        decompose('i', index.shape, 'c'),
        'let j = idx[i];',
        `if (j < 0.0) { j += ${lit(d)}; }`,
        `return x[${offset('c', strides)} + j * ${lit(xs[axis]!)}];`,
      ].join('\n');
      const v = rt.launch({
        op: 'gather',
        source: kernelSource(['x', 'idx'], body),
        size: sizeOf(index.shape),
        loop: 0,
        args: [buf(x), buf(index)],
      });
      rt.assign(buf(out), v);
    },

    gatherGrad(dy, index, out, axis) {
      const d = out.shape[axis]!;
      checkIndices('gather', index, d);
      const is = stridesOf(index.shape);
      const m = index.shape[axis]!;
      const lines = ['const i = this.thread.x;', decompose('i', out.shape, 'c')];
      out.shape.forEach((size, ax) => {
        if (ax !== axis && index.shape[ax]! < size) {
          lines.push(`if (c${ax} >= ${lit(index.shape[ax]!)}) { return 0.0; }`);
        }
      });
      const base = offset(
        'c',
        is.map((s, ax) => (ax === axis ? 0 : s)),
      );
      lines.push(
        `const base = ${base};`,
        'let s = 0.0;',
        `for (let j = 0; j < ${m}; j++) {\nconst o = base + j * ${lit(is[axis]!)};\nlet t = idx[o];\n` +
          `if (t < 0.0) { t += ${lit(d)}; }\nif (t === c${axis}) { s += dy[o]; }\n}`,
        'return s;',
      );
      const v = rt.launch({
        op: 'gatherGrad',
        source: kernelSource(['dy', 'idx'], lines.join('\n')),
        size: sizeOf(out.shape),
        loop: m,
        args: [buf(dy), buf(index)],
      });
      rt.assign(buf(out), v);
    },

    where(cond, a, b, out) {
      rt.assign(
        buf(out),
        elementwise('where', [cond, a, b], ['q', 'a', 'b'], out.shape, 'const r = vq !== 0.0 ? va : vb;'),
      );
    },

    oneHot(index, out) {
      const depth = out.shape[out.shape.length - 1]!;
      const v = rt.readFloats(buf(index));
      for (const c of v) {
        if (!(c >= 0 && c < depth))
          throw new Error(`oneHot: index ${c} is out of range for ${depth} classes.`);
      }
      const body = [
        'const i = this.thread.x;',
        decompose('i', [sizeOf(index.shape), depth], 'c'),
        'return idx[c0] === c1 ? 1.0 : 0.0;',
      ].join('\n');
      rt.assign(
        buf(out),
        rt.launch({
          op: 'oneHot',
          source: kernelSource(['idx'], body),
          size: sizeOf(out.shape),
          loop: 0,
          args: [buf(index)],
        }),
      );
    },

    crossEntropy(logits, targets, probs, loss, ignoreIndex, reduction: Reduction) {
      const C = logits.shape[logits.shape.length - 1]!;
      const N = sizeOf(targets.shape);
      const t = rt.readFloats(buf(targets));
      for (const target of t) {
        if (target !== ignoreIndex && !(target >= 0 && target < C)) {
          throw new Error(
            `crossEntropy: target ${target} is out of range for ${C} classes (ignoreIndex is ${ignoreIndex}).`,
          );
        }
      }
      // (N): log-sum-exp of each row, max-shifted
      const lse = rt.launch({
        op: 'crossEntropy',
        source: kernelSource(
          ['x'],
          [
            `const base = this.thread.x * ${lit(C)};`,
            'let m = x[base];',
            `for (let c = 1; c < ${C}; c++) { m = Math.max(m, x[base + c]); }`,
            'let s = 0.0;',
            `for (let c = 0; c < ${C}; c++) { s += Math.exp(x[base + c] - m); }`,
            'return m + Math.log(s);',
          ].join('\n'),
        ),
        size: N,
        loop: C,
        args: [buf(logits)],
      });
      const tmps: DeviceValue[] = [lse];
      try {
        // (N, C): probabilities, kept for the gradient
        const p = rt.launch({
          op: 'crossEntropy',
          source: kernelSource(
            ['x', 'lse'],
            `const i = this.thread.x;\n${decompose('i', [N, C], 'c')}\nreturn Math.exp(x[i] - lse[c0]);`,
          ),
          size: N * C,
          loop: 0,
          args: [buf(logits), lse],
        });
        rt.assign(buf(probs), p);
        // (N): per-row loss, 0 on ignored rows
        const rows = rt.launch({
          op: 'crossEntropy',
          source: kernelSource(
            ['x', 'lse', 'tg'],
            [
              'const n = this.thread.x;',
              'const t = tg[n];',
              `if (t === ${lit(ignoreIndex)}) { return 0.0; }`,
              `return lse[n] - x[n * ${lit(C)} + t];`,
            ].join('\n'),
          ),
          size: N,
          loop: 0,
          args: [buf(logits), lse, buf(targets)],
        });
        if (reduction === 'none') {
          rt.assign(buf(loss), rows);
          return;
        }
        tmps.push(rows);
        const total = reduceRows(rows, 1, N, 'sum');
        if (reduction === 'sum') {
          rt.assign(buf(loss), total);
          return;
        }
        tmps.push(total);
        const count = countKept(targets, N, ignoreIndex);
        tmps.push(count);
        rt.assign(
          buf(loss),
          rt.launch({
            op: 'crossEntropy',
            source: 'function(s, n) { return s[0] / n[0]; }',
            size: 1,
            loop: 0,
            args: [total, count],
          }),
        );
      } finally {
        for (const v of tmps) rt.free(v);
      }
    },

    crossEntropyGrad(probs, targets, dy, out, ignoreIndex, reduction) {
      const C = probs.shape[probs.shape.length - 1]!;
      const N = sizeOf(targets.shape);
      const count = reduction === 'mean' ? countKept(targets, N, ignoreIndex) : new Float32Array([1]);
      const scale = reduction === 'none' ? 'g[c0]' : reduction === 'mean' ? 'g[0] / cnt[0]' : 'g[0]';
      const body = [
        'const i = this.thread.x;',
        decompose('i', [N, C], 'c'),
        'const t = tg[c0];',
        `if (t === ${lit(ignoreIndex)}) { return 0.0; }`,
        `const sc = ${scale};`,
        'return sc * (p[i] - (t === c1 ? 1.0 : 0.0));',
      ].join('\n');
      try {
        const v = rt.launch({
          op: 'crossEntropyGrad',
          source: kernelSource(['p', 'tg', 'g', 'cnt'], body),
          size: N * C,
          loop: 0,
          args: [buf(probs), buf(targets), buf(dy), count],
        });
        rt.assign(buf(out), v);
      } finally {
        rt.free(count);
      }
    },

    layerNorm(x, out, rstd, eps) {
      const C = x.shape[x.shape.length - 1]!;
      const N = sizeOf(x.shape) / C;
      const mean = lineSums('layerNorm', ['x'], 'x[j]', [buf(x)], rows(N, C), C);
      try {
        // (N): 1 / √(biased variance + eps), from the centred squares (two passes, as on the CPU)
        const inv = rt.launch({
          op: 'layerNorm',
          source: kernelSource(
            ['x', 'mu'],
            [
              `const base = this.thread.x * ${lit(C)};`,
              'const m = mu[this.thread.x];',
              'let q = 0.0;',
              `for (let c = 0; c < ${C}; c++) { const d = x[base + c] - m; q += d * d; }`,
              `return 1.0 / Math.sqrt(q / ${lit(C)} + ${lit(eps)});`,
            ].join('\n'),
          ),
          size: N,
          loop: C,
          args: [buf(x), mean],
        });
        rt.assign(buf(rstd), inv);
        const y = rt.launch({
          op: 'layerNorm',
          source: kernelSource(
            ['x', 'mu', 'rs'],
            `const i = this.thread.x;\n${decompose('i', [N, C], 'c')}\nreturn (x[i] - mu[c0]) * rs[c0];`,
          ),
          size: N * C,
          loop: 0,
          args: [buf(x), mean, buf(rstd)],
        });
        rt.assign(buf(out), y);
      } finally {
        rt.free(mean);
      }
    },

    layerNormGrad(xhat, rstd, dy, out) {
      const C = xhat.shape[xhat.shape.length - 1]!;
      const N = sizeOf(xhat.shape) / C;
      const meanG = lineSums('layerNormGrad', ['g'], 'g[j]', [buf(dy)], rows(N, C), C);
      const tmps: DeviceValue[] = [meanG];
      try {
        const meanGx = lineSums(
          'layerNormGrad',
          ['g', 'xh'],
          'g[j] * xh[j]',
          [buf(dy), buf(xhat)],
          rows(N, C),
          C,
        );
        tmps.push(meanGx);
        const dx = rt.launch({
          op: 'layerNormGrad',
          source: kernelSource(
            ['g', 'xh', 'rs', 'mg', 'mgx'],
            `const i = this.thread.x;\n${decompose('i', [N, C], 'c')}\nreturn rs[c0] * (g[i] - mg[c0] - xh[i] * mgx[c0]);`,
          ),
          size: N * C,
          loop: 0,
          args: [buf(dy), buf(xhat), buf(rstd), meanG, meanGx],
        });
        rt.assign(buf(out), dx);
      } finally {
        for (const v of tmps) rt.free(v);
      }
    },

    batchNorm(x, out, rstd, eps, running) {
      const C = x.shape[x.shape.length - 1]!;
      const N = sizeOf(x.shape) / C;
      const mean = lineSums('batchNorm', ['x'], 'x[j]', [buf(x)], columns(N, C), N);
      const tmps: DeviceValue[] = [mean];
      try {
        // (C): the unbiased variance from the centred squares (two passes, as on the CPU)
        const centred = 'x[j] - mu[this.thread.x]';
        const variance = lineSums(
          'batchNorm',
          ['x', 'mu'],
          `(${centred}) * (${centred})`,
          [buf(x), mean],
          columns(N, C),
          Math.max(1, N - 1),
        );
        tmps.push(variance);
        const inv = rt.launch({
          op: 'batchNorm',
          source: kernelSource(['v'], `return 1.0 / Math.sqrt(v[this.thread.x] + ${lit(eps)});`),
          size: C,
          loop: 0,
          args: [variance],
        });
        rt.assign(buf(rstd), inv);
        const y = rt.launch({
          op: 'batchNorm',
          source: kernelSource(
            ['x', 'mu', 'rs'],
            `const i = this.thread.x;\n${decompose('i', [N, C], 'c')}\nreturn (x[i] - mu[c1]) * rs[c1];`,
          ),
          size: N * C,
          loop: 0,
          args: [buf(x), mean, buf(rstd)],
        });
        rt.assign(buf(out), y);
        if (running) {
          const m = lit(running.momentum);
          const blend = (stat: TensorInfo, batch: DeviceValue) =>
            rt.assign(
              buf(stat),
              rt.launch({
                op: 'batchNorm',
                source: kernelSource(
                  ['s', 'b'],
                  `const c = this.thread.x;\nreturn (1.0 - ${m}) * s[c] + ${m} * b[c];`,
                ),
                size: C,
                loop: 0,
                args: [buf(stat), batch],
              }),
            );
          blend(running.mean, mean);
          blend(running.var, variance);
        }
      } finally {
        for (const v of tmps) rt.free(v);
      }
    },

    batchNormGrad(xhat, rstd, dy, out) {
      const C = xhat.shape[xhat.shape.length - 1]!;
      const N = sizeOf(xhat.shape) / C;
      const meanG = lineSums('batchNormGrad', ['g'], 'g[j]', [buf(dy)], columns(N, C), N);
      const tmps: DeviceValue[] = [meanG];
      try {
        const sumGx = lineSums(
          'batchNormGrad',
          ['g', 'xh'],
          'g[j] * xh[j]',
          [buf(dy), buf(xhat)],
          columns(N, C),
          Math.max(1, N - 1),
        );
        tmps.push(sumGx);
        const dx = rt.launch({
          op: 'batchNormGrad',
          source: kernelSource(
            ['g', 'xh', 'rs', 'mg', 'sgx'],
            `const i = this.thread.x;\n${decompose('i', [N, C], 'c')}\nreturn rs[c1] * (g[i] - mg[c1] - xh[i] * sgx[c1]);`,
          ),
          size: N * C,
          loop: 0,
          args: [buf(dy), buf(xhat), buf(rstd), meanG, sumGx],
        });
        rt.assign(buf(out), dx);
      } finally {
        for (const v of tmps) rt.free(v);
      }
    },
    ...attentionKernels(rt, buf),
  };

  /**
   * One value per line of an `[N, C]` matrix (a row or a column, see {@link rows} and
   * {@link columns}): the sum over the line's elements of `term`, an expression of the args at flat
   * index `j`, divided by `divisor`.
   */
  function lineSums(
    op: string,
    names: readonly string[],
    term: string,
    args: readonly (GpuBuffer | DeviceValue)[],
    lines: Lines,
    divisor: number,
  ): DeviceValue {
    return rt.launch({
      op,
      source: kernelSource(
        names,
        [
          `const first = this.thread.x * ${lit(lines.start)};`,
          'let s = 0.0;',
          `for (let k = 0; k < ${lines.length}; k++) { const j = first + k * ${lit(lines.step)}; s += ${term}; }`,
          `return s / ${lit(divisor)};`,
        ].join('\n'),
      ),
      size: lines.count,
      loop: lines.length,
      args: [...args],
    });
  }

  /** (1): how many targets are not `ignoreIndex`. */
  function countKept(targets: TensorInfo, n: number, ignoreIndex: number): DeviceValue {
    const mask = rt.launch({
      op: 'crossEntropy',
      source: `function(tg) { return tg[this.thread.x] === ${lit(ignoreIndex)} ? 0.0 : 1.0; }`,
      size: n,
      loop: 0,
      args: [buf(targets)],
    });
    try {
      return reduceRows(mask, 1, n, 'sum');
    } finally {
      rt.free(mask);
    }
  }
}
