import { type BinaryFnName, type Kernels, sizeOf, type TensorInfo, type UnaryFnName } from '@makemore/tensor';
import { broadcastStrides, decompose, lit, offset } from '../codegen.js';
import type { DeviceValue, Runtime } from '../runtime.js';
import { assignTo, buf, type KernelInputs, launchOf } from './launch.js';

// Stable tanh for every mode: GLSL ES 1.00 has none, and exp(2x) overflows for large |x|.
const TANH = (x: string, t: string): string =>
  `const ${t}e = Math.exp(-2.0 * Math.abs(${x}));\nconst ${t}m = (1.0 - ${t}e) / (1.0 + ${t}e);\n` +
  `const ${t} = ${x} < 0.0 ? -${t}m : ${t}m;`;

// sin(x + quarterTurns·π/2), set as `r`, without the GPU's own sin and cos: Chromium's software WebGL
// (SwiftShader) is about 2e-4 off in both (the conformance suite caught it). Cephes' sinf/cosf: x is
// reduced to y in [-π/4, π/4] by the nearest multiple q of π/2 (π/2 in two parts, so q·π/2 stays exact
// in float32), then the quadrant picks ±sin(y) or ±cos(y), each a short minimax polynomial.
const SINE = (x: string, quarterTurns: 0 | 1): string =>
  [
    `const sq = Math.floor(${x} * 0.6366197723675814 + 0.5);`,
    `const sy = (${x} - sq * 1.5703125) - sq * 0.0004838267341256141;`,
    'const sz = sy * sy;',
    'const ss = sy + sy * sz * (-0.16666654611 + sz * (0.0083321608736 + sz * -0.00019515295891));',
    'const sc = 1.0 - 0.5 * sz + sz * sz * (0.041666645683 + sz * (-0.0013887316255 + sz * 0.0000244331571));',
    `const sm = sq + ${lit(quarterTurns)} - Math.floor((sq + ${lit(quarterTurns)}) * 0.25) * 4.0;`,
    'const r = sm < 0.5 ? ss : (sm < 1.5 ? sc : (sm < 2.5 ? -ss : -sc));',
  ].join('\n');

const GELU_K = Math.sqrt(2 / Math.PI);
const GELU_C = 0.044715;

/**
 * Statements that set `r` from `x`, per unary function. A total map over the tensor core's names, so
 * a unary function without a gpu.js body does not compile.
 */
const UNARY_BODIES: Record<UnaryFnName, string> = {
  neg: 'const r = -x;',
  exp: 'const r = Math.exp(x);',
  log: 'const r = Math.log(x);',
  sqrt: 'const r = Math.sqrt(x);',
  tanh: `${TANH('x', 't')}\nconst r = t;`,
  relu: 'const r = x > 0.0 ? x : 0.0;',
  sigmoid: 'const se = Math.exp(-Math.abs(x));\nconst r = x >= 0.0 ? 1.0 / (1.0 + se) : se / (1.0 + se);',
  gelu: `const u = ${lit(GELU_K)} * (x + ${lit(GELU_C)} * x * x * x);\n${TANH('u', 't')}\nconst r = 0.5 * x * (1.0 + t);`,
  sin: SINE('x', 0),
  cos: SINE('x', 1),
  abs: 'const r = Math.abs(x);',
  sign: 'const r = x > 0.0 ? 1.0 : (x < 0.0 ? -1.0 : 0.0);',
  copy: 'const r = x;',
};

/** Statements that set `r` from `va` and `vb`, per binary function (a total map, as {@link UNARY_BODIES}). */
const BINARY_BODIES: Record<BinaryFnName, string> = {
  add: 'const r = va + vb;',
  sub: 'const r = va - vb;',
  mul: 'const r = va * vb;',
  div: 'const r = va / vb;',
  // GLSL's pow is undefined for a negative base: take |a| and restore the sign for integer powers.
  pow: [
    'const pm = Math.pow(Math.abs(va), vb);',
    // 1.0 for an odd integer power (a float, since GLSL cannot store a bool in a float)
    'const podd = Math.abs(vb - Math.floor(vb * 0.5) * 2.0);',
    'let r = pm;',
    'if (vb === 0.0) { r = 1.0; }',
    'else if (va < 0.0) { if (Math.floor(vb) === vb) { r = podd > 0.5 ? -pm : pm; } else { r = Math.sqrt(va); } }',
  ].join('\n'),
  eq: 'const r = va === vb ? 1.0 : 0.0;',
  ne: 'const r = va !== vb ? 1.0 : 0.0;',
  gt: 'const r = va > vb ? 1.0 : 0.0;',
  ge: 'const r = va >= vb ? 1.0 : 0.0;',
  lt: 'const r = va < vb ? 1.0 : 0.0;',
  le: 'const r = va <= vb ? 1.0 : 0.0;',
  tanhGrad: 'const r = va * (1.0 - vb * vb);',
  sigmoidGrad: 'const r = va * vb * (1.0 - vb);',
  reluGrad: 'const r = vb > 0.0 ? va : 0.0;',
  geluGrad: [
    `const u = ${lit(GELU_K)} * (vb + ${lit(GELU_C)} * vb * vb * vb);`,
    TANH('u', 't'),
    `const d = 0.5 * (1.0 + t) + 0.5 * vb * (1.0 - t * t) * ${lit(GELU_K)} * (1.0 + ${lit(3 * GELU_C)} * vb * vb);`,
    'const r = va * d;',
  ].join('\n'),
};

/** The body for `name`; a name the types allow only through a cast still gets a clear error. */
function bodyOf<N extends string>(bodies: Record<N, string>, name: N, kind: string): string {
  if (!Object.hasOwn(bodies, name)) {
    throw new Error(`gpu.js backend: no kernel for the ${kind} function '${String(name)}'.`);
  }
  return bodies[name];
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * An elementwise launch over `outShape`: operand `name` is read with broadcast strides into `v${name}`
 * and `body` sets `r`. `uniforms` are numbers passed as kernel parameters after the operands (so a
 * changing value does not recompile the kernel).
 */
export function elementwise(
  rt: Runtime,
  op: string,
  operands: Readonly<Record<string, TensorInfo>>,
  outShape: readonly number[],
  body: string,
  uniforms: Readonly<Record<string, number>> = {},
): DeviceValue {
  const lines: string[] = ['const i = this.thread.x;'];
  const all = Object.entries(operands);
  if (all.some(([, t]) => !sameShape(t.shape, outShape))) lines.push(decompose('i', outShape, 'c'));
  const inputs: Record<string, KernelInputs[string]> = {};
  for (const [name, t] of all) {
    const idx = sameShape(t.shape, outShape)
      ? 'i'
      : sizeOf(t.shape) === 1
        ? '0.0'
        : offset('c', broadcastStrides(t.shape, outShape));
    lines.push(`const v${name} = ${name}[${idx}];`);
    inputs[name] = buf(t);
  }
  lines.push(body, 'return r;');
  return rt.launch(launchOf(op, { ...inputs, ...uniforms }, lines.join('\n'), sizeOf(outShape)));
}

/** The elementwise kernels: unary and binary functions, axpy, fill, cast and where. */
export function elementwiseKernels(
  rt: Runtime,
): Pick<Kernels, 'unary' | 'binary' | 'axpy' | 'fill' | 'cast' | 'where'> {
  return {
    unary(x, out, f) {
      const body = `const x = va;\n${bodyOf(UNARY_BODIES, f.name, 'unary')}`;
      assignTo(rt, out, elementwise(rt, f.name, { a: x }, out.shape, body));
    },

    binary(a, b, out, f) {
      assignTo(
        rt,
        out,
        elementwise(rt, f.name, { a, b }, out.shape, bodyOf(BINARY_BODIES, f.name, 'binary')),
      );
    },

    axpy(a, b, alpha, out) {
      // alpha is a uniform, so a changing learning rate does not recompile the kernel.
      assignTo(
        rt,
        out,
        elementwise(rt, 'axpy', { a, b }, out.shape, 'const r = va + alpha * vb;', { alpha }),
      );
    },

    fill(out, value) {
      assignTo(rt, out, new Float32Array(sizeOf(out.shape)).fill(value));
    },

    cast(x, out) {
      const body =
        out.dtype === 'int32' && x.dtype !== 'int32' ? 'const r = Math.trunc(va);' : 'const r = va;';
      assignTo(rt, out, elementwise(rt, 'cast', { a: x }, out.shape, body));
    },

    where(cond, a, b, out) {
      const body = 'const r = vq !== 0.0 ? va : vb;';
      assignTo(rt, out, elementwise(rt, 'where', { q: cond, a, b }, out.shape, body));
    },
  };
}
