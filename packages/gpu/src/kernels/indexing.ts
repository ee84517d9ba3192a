import { aroundAxis, type Kernels, sizeOf, stridesOf, type TensorInfo } from '@makemore/tensor';
import { lit, offset } from '../codegen.js';
import type { Runtime } from '../runtime.js';
import { buf, launchInto, perElement } from './launch.js';

/** Checks int32 indices on the host: a kernel cannot throw, and a silent clamp would be wrong. */
function checkIndices(rt: Runtime, op: string, index: TensorInfo, size: number): void {
  const v = rt.readFloats(buf(index));
  for (let i = 0; i < v.length; i++) {
    const x = v[i]!;
    if (!(x >= -size && x < size)) {
      throw new Error(`${op}: index ${x} is out of range for a dim of size ${size}.`);
    }
  }
}

/** The indexing kernels: take and gather (and their scatter-add gradients), and oneHot. */
export function indexingKernels(
  rt: Runtime,
): Pick<Kernels, 'take' | 'takeGrad' | 'gather' | 'gatherGrad' | 'oneHot'> {
  return {
    take(x, index, out, axis) {
      const d = x.shape[axis]!;
      checkIndices(rt, 'index', index, d);
      const { outer, inner } = aroundAxis(x.shape, axis);
      const body = [
        'let j = idx[c1];',
        `if (j < 0.0) { j += ${lit(d)}; }`,
        `return x[(c0 * ${lit(d)} + j) * ${lit(inner)} + c2];`,
      ];
      const inputs = { x: buf(x), idx: buf(index) };
      const shape = [outer, sizeOf(index.shape), inner];
      launchInto(rt, out, perElement({ op: 'index', inputs, shape, body }));
    },

    takeGrad(dy, index, out, axis) {
      const d = out.shape[axis]!;
      checkIndices(rt, 'index', index, d);
      const { outer, inner } = aroundAxis(out.shape, axis);
      const m = sizeOf(index.shape);
      // Gather-style scatter-add: each output row sums the dy rows whose index points at it.
      const body = [
        'let s = 0.0;',
        `for (let j = 0; j < ${m}; j++) {\nlet t = idx[j];\nif (t < 0.0) { t += ${lit(d)}; }\n` +
          `if (t === c1) { s += dy[(c0 * ${lit(m)} + j) * ${lit(inner)} + c2]; }\n}`,
        'return s;',
      ];
      const inputs = { dy: buf(dy), idx: buf(index) };
      launchInto(rt, out, perElement({ op: 'indexGrad', inputs, shape: [outer, d, inner], body, loop: m }));
    },

    gather(x, index, out, axis) {
      const d = x.shape[axis]!;
      checkIndices(rt, 'gather', index, d);
      const xs = stridesOf(x.shape);
      const strides = xs.map((s, ax) => (ax === axis ? 0 : s));
      const body = [
        'let j = idx[i];',
        `if (j < 0.0) { j += ${lit(d)}; }`,
        `return x[${offset('c', strides)} + j * ${lit(xs[axis]!)}];`,
      ];
      const inputs = { x: buf(x), idx: buf(index) };
      launchInto(rt, out, perElement({ op: 'gather', inputs, shape: index.shape, body }));
    },

    gatherGrad(dy, index, out, axis) {
      const d = out.shape[axis]!;
      checkIndices(rt, 'gather', index, d);
      const is = stridesOf(index.shape);
      const m = index.shape[axis]!;
      const body: string[] = [];
      out.shape.forEach((size, ax) => {
        if (ax !== axis && index.shape[ax]! < size) {
          body.push(`if (c${ax} >= ${lit(index.shape[ax]!)}) { return 0.0; }`);
        }
      });
      const base = offset(
        'c',
        is.map((s, ax) => (ax === axis ? 0 : s)),
      );
      body.push(
        `const base = ${base};`,
        'let s = 0.0;',
        `for (let j = 0; j < ${m}; j++) {\nconst o = base + j * ${lit(is[axis]!)};\nlet t = idx[o];\n` +
          `if (t < 0.0) { t += ${lit(d)}; }\nif (t === c${axis}) { s += dy[o]; }\n}`,
        'return s;',
      );
      const inputs = { dy: buf(dy), idx: buf(index) };
      launchInto(rt, out, perElement({ op: 'gatherGrad', inputs, shape: out.shape, body, loop: m }));
    },

    oneHot(index, out) {
      const depth = out.shape[out.shape.length - 1]!;
      const v = rt.readFloats(buf(index));
      for (const c of v) {
        if (!(c >= 0 && c < depth))
          throw new Error(`oneHot: index ${c} is out of range for ${depth} classes.`);
      }
      const inputs = { idx: buf(index) };
      const shape = [sizeOf(index.shape), depth];
      launchInto(
        rt,
        out,
        perElement({ op: 'oneHot', inputs, shape, body: ['return idx[c0] === c1 ? 1.0 : 0.0;'] }),
      );
    },
  };
}
