import { aroundAxis, type Kernels, stridesOf } from '@makemore/tensor';
import { lit } from '../codegen.js';
import type { DeviceValue, GpuBuffer, Runtime } from '../runtime.js';
import { elementwise } from './elementwise.js';
import { assignTo, buf, launchInto, launchOf, perElement, withTemps } from './launch.js';
import { remap } from './layout.js';

/** Largest run of a contiguous row reduction done by one thread; longer rows reduce in stages. */
const REDUCE_CHUNK = 1024;

/** Sum or max over the rows of a `[outer, len]` value, in stages of at most REDUCE_CHUNK. */
export function reduceRows(
  rt: Runtime,
  src: GpuBuffer | DeviceValue,
  outer: number,
  len: number,
  op: 'sum' | 'max',
): DeviceValue {
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
  const v = rt.launch(launchOf(`reduce ${op}`, { x: src }, body, outer * parts, span));
  if (parts === 1) return v;
  return withTemps(rt, (temp) => reduceRows(rt, temp(v), outer, parts, op));
}

/** The reduction kernels: sum or max over axes, and argmax along one. */
export function reduceKernels(rt: Runtime): Pick<Kernels, 'reduce' | 'argmax'> {
  return {
    reduce(x, out, op, axes) {
      const shape = x.shape;
      if (axes.length === 0) {
        assignTo(rt, out, elementwise(rt, 'reduce', { a: x }, out.shape, 'const r = va;'));
        return;
      }
      const kept = shape.map((_, i) => i).filter((i) => !axes.includes(i));
      const perm = [...kept, ...axes];
      const outer = kept.reduce((n, i) => n * shape[i]!, 1);
      const len = axes.reduce((n, i) => n * shape[i]!, 1);
      if (len === 0) {
        // An empty reduction: the sum is 0 and the max -Infinity, as on the CPU backend.
        assignTo(rt, out, new Float32Array(outer).fill(op === 'max' ? Number.NEGATIVE_INFINITY : 0));
        return;
      }
      withTemps(rt, (temp) => {
        let src: GpuBuffer | DeviceValue = buf(x);
        if (perm.some((p, i) => p !== i)) {
          // Bring the reduced axes to the end so each output reads one contiguous row.
          const xs = stridesOf(shape);
          const permuted = perm.map((p) => shape[p]!);
          src = temp(
            remap(
              rt,
              'reduce',
              x,
              permuted,
              perm.map((p) => xs[p]!),
              0,
            ),
          );
        }
        assignTo(rt, out, reduceRows(rt, src, outer, len, op));
      });
    },

    argmax(x, out, axis) {
      const { outer, inner } = aroundAxis(x.shape, axis);
      const red = x.shape[axis]!;
      const body = [
        `const base = c0 * ${lit(red * inner)} + c1;`,
        'let best = x[base];',
        'let bi = 0.0;',
        `for (let r = 1; r < ${red}; r++) {\nconst v = x[base + r * ${lit(inner)}];\n` +
          'if (v > best || (v !== v && best === best)) { best = v; bi = r; }\n}',
        'return bi;',
      ];
      const inputs = { x: buf(x) };
      launchInto(rt, out, perElement({ op: 'argmax', inputs, shape: [outer, inner], body, loop: red }));
    },
  };
}
