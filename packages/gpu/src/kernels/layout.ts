import { aroundAxis, type Kernels, sizeOf, stridesOf, type TensorInfo } from '@makemore/tensor';
import { broadcastStrides, lit, offset } from '../codegen.js';
import type { DeviceValue, Runtime } from '../runtime.js';
import { assignTo, buf, type KernelArg, launchInto, perElement } from './launch.js';

/** `out[i] = x[offset(coords(i))]` for an affine map of the output coordinates. */
export function remap(
  rt: Runtime,
  op: string,
  x: TensorInfo,
  outShape: readonly number[],
  strides: readonly number[],
  base: number,
): DeviceValue {
  return rt.launch(
    perElement({
      op,
      inputs: { x: buf(x) },
      shape: outShape,
      body: [`return x[${offset('c', strides, base)}];`],
    }),
  );
}

/** The layout kernels: permute, broadcast, slice (and its gradient) and concat. */
export function layoutKernels(
  rt: Runtime,
): Pick<Kernels, 'permute' | 'broadcastTo' | 'slice' | 'sliceGrad' | 'concat'> {
  return {
    permute(x, out, perm) {
      const xs = stridesOf(x.shape);
      const strides = perm.map((p) => xs[p]!);
      assignTo(rt, out, remap(rt, 'permute', x, out.shape, strides, 0));
    },

    broadcastTo(x, out) {
      assignTo(rt, out, remap(rt, 'broadcastTo', x, out.shape, broadcastStrides(x.shape, out.shape), 0));
    },

    slice(x, out, begin, step) {
      const xs = stridesOf(x.shape);
      const base = begin.reduce((s, b, i) => s + b * xs[i]!, 0);
      const strides = xs.map((s, i) => s * step[i]!);
      assignTo(rt, out, remap(rt, 'slice', x, out.shape, strides, base));
    },

    sliceGrad(dy, out, begin, step) {
      const ds = stridesOf(dy.shape);
      const body: string[] = [];
      const terms: string[] = [];
      out.shape.forEach((_, ax) => {
        // t = (c - begin) / step must be a whole number inside dy's extent
        body.push(`const t${ax} = (c${ax} - ${lit(begin[ax]!)}) / ${lit(step[ax]!)};`);
        body.push(
          `if (t${ax} < 0.0 || t${ax} >= ${lit(dy.shape[ax]!)} || Math.floor(t${ax}) !== t${ax}) { return 0.0; }`,
        );
        if (ds[ax] !== 0) terms.push(`t${ax} * ${lit(ds[ax]!)}`);
      });
      body.push(`return dy[${terms.length > 0 ? terms.join(' + ') : '0.0'}];`);
      launchInto(rt, out, perElement({ op: 'sliceGrad', inputs: { dy: buf(dy) }, shape: out.shape, body }));
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
        const args: Record<string, KernelArg> = {};
        const body: string[] = [];
        if (col > 0) body.push(`if (c1 < ${lit(col)}) { return prev[i]; }`);
        group.forEach((x, k) => {
          const chunk = x.shape[axis]! * inner;
          body.push(`if (c1 < ${lit(col + chunk)}) { return x${k}[c0 * ${lit(chunk)} + c1 - ${lit(col)}]; }`);
          args[`x${k}`] = buf(x);
          col += chunk;
        });
        body.push(prev === null ? 'return 0.0;' : `return prev[i];`);
        if (prev !== null) args['prev'] = prev;
        const v = rt.launch(perElement({ op: 'concat', inputs: args, shape: [outer, rowLen], body }));
        rt.free(prev);
        prev = v;
      }
      assignTo(rt, out, prev ?? new Float32Array(0));
    },
  };
}
