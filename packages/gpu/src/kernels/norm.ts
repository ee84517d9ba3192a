import { type Kernels, sizeOf, type TensorInfo } from '@makemore/tensor';
import { lit } from '../codegen.js';
import type { DeviceValue, Runtime } from '../runtime.js';
import { buf, type KernelInputs, launchInto, launchOf, perElement, withTemps } from './launch.js';

/**
 * The lines a normalisation of `x`, viewed as an `[N, C]` matrix, runs over: its N rows (layer
 * norm) or its C columns (batch norm).
 */
interface Lines {
  /** `[N, C]`. */
  readonly matrix: readonly [number, number];
  /** Lines (one statistic each). */
  readonly count: number;
  /** Elements per line. */
  readonly length: number;
  /** Flat index of line l's first element is `l · start`. */
  readonly start: number;
  /** Distance between a line's consecutive elements. */
  readonly step: number;
  /** The coordinate of an `[N, C]` element that names its line (`c0` for rows, `c1` for columns). */
  readonly coord: 'c0' | 'c1';
}

function linesOf(x: TensorInfo, along: 'rows' | 'columns'): Lines {
  const C = x.shape[x.shape.length - 1]!;
  const N = sizeOf(x.shape) / C;
  return along === 'rows'
    ? { matrix: [N, C], count: N, length: C, start: C, step: 1, coord: 'c0' }
    : { matrix: [N, C], count: C, length: N, start: 1, step: C, coord: 'c1' };
}

/**
 * One value per line: the sum over the line's elements of `term`, an expression of the inputs at
 * flat index `j`, divided by `divisor`.
 */
function lineSums(
  rt: Runtime,
  op: string,
  inputs: KernelInputs,
  term: string,
  lines: Lines,
  divisor: number,
): DeviceValue {
  const body = [
    `const first = this.thread.x * ${lit(lines.start)};`,
    'let s = 0.0;',
    `for (let k = 0; k < ${lines.length}; k++) { const j = first + k * ${lit(lines.step)}; s += ${term}; }`,
    `return s / ${lit(divisor)};`,
  ].join('\n');
  return rt.launch(launchOf(op, inputs, body, lines.count, lines.length));
}

/** `out = (x − mean) · rstd`, the statistics taken per line. */
function normalizeInto(
  rt: Runtime,
  op: string,
  x: TensorInfo,
  mean: DeviceValue,
  rstd: TensorInfo,
  out: TensorInfo,
  lines: Lines,
): void {
  const k = lines.coord;
  const inputs = { x: buf(x), mu: mean, rs: buf(rstd) };
  const body = [`return (x[i] - mu[${k}]) * rs[${k}];`];
  launchInto(rt, out, perElement({ op, inputs, shape: lines.matrix, body }));
}

/**
 * The gradient of a normalisation: `dx = rstd · (dy − mean(dy) − x̂ · Σ(dy · x̂) / gxDivisor)` per
 * line, where the mean of dy is over the line's length.
 */
function normalizeGradInto(
  rt: Runtime,
  op: string,
  xhat: TensorInfo,
  rstd: TensorInfo,
  dy: TensorInfo,
  out: TensorInfo,
  lines: Lines,
  gxDivisor: number,
): void {
  withTemps(rt, (temp) => {
    const g = buf(dy);
    const xh = buf(xhat);
    const mg = temp(lineSums(rt, op, { g }, 'g[j]', lines, lines.length));
    const mgx = temp(lineSums(rt, op, { g, xh }, 'g[j] * xh[j]', lines, gxDivisor));
    const k = lines.coord;
    const body = [`return rs[${k}] * (g[i] - mg[${k}] - xh[i] * mgx[${k}]);`];
    const inputs = { g, xh, rs: buf(rstd), mg, mgx };
    launchInto(rt, out, perElement({ op, inputs, shape: lines.matrix, body }));
  });
}

/** The normalisation kernels: layer norm over rows and batch norm over columns, with their gradients. */
export function normKernels(
  rt: Runtime,
): Pick<Kernels, 'layerNorm' | 'layerNormGrad' | 'batchNorm' | 'batchNormGrad'> {
  return {
    layerNorm(x, out, rstd, eps) {
      const lines = linesOf(x, 'rows');
      const C = lines.length;
      withTemps(rt, (temp) => {
        const mean = temp(lineSums(rt, 'layerNorm', { x: buf(x) }, 'x[j]', lines, C));
        // (N): 1 / √(biased variance + eps), from the centred squares (two passes, as on the CPU)
        const body = [
          `const base = this.thread.x * ${lit(C)};`,
          'const m = mu[this.thread.x];',
          'let q = 0.0;',
          `for (let c = 0; c < ${C}; c++) { const d = x[base + c] - m; q += d * d; }`,
          `return 1.0 / Math.sqrt(q / ${lit(C)} + ${lit(eps)});`,
        ].join('\n');
        launchInto(rt, rstd, launchOf('layerNorm', { x: buf(x), mu: mean }, body, lines.count, C));
        normalizeInto(rt, 'layerNorm', x, mean, rstd, out, lines);
      });
    },

    layerNormGrad(xhat, rstd, dy, out) {
      const lines = linesOf(xhat, 'rows');
      normalizeGradInto(rt, 'layerNormGrad', xhat, rstd, dy, out, lines, lines.length);
    },

    batchNorm(x, out, rstd, eps, running) {
      const lines = linesOf(x, 'columns');
      const N = lines.length;
      withTemps(rt, (temp) => {
        const mean = temp(lineSums(rt, 'batchNorm', { x: buf(x) }, 'x[j]', lines, N));
        // (C): the unbiased variance from the centred squares (two passes, as on the CPU)
        const centred = 'x[j] - mu[this.thread.x]';
        const variance = temp(
          lineSums(
            rt,
            'batchNorm',
            { x: buf(x), mu: mean },
            `(${centred}) * (${centred})`,
            lines,
            Math.max(1, N - 1),
          ),
        );
        const inv = `return 1.0 / Math.sqrt(v[this.thread.x] + ${lit(eps)});`;
        launchInto(rt, rstd, launchOf('batchNorm', { v: variance }, inv, lines.count));
        normalizeInto(rt, 'batchNorm', x, mean, rstd, out, lines);
        if (running) {
          const m = lit(running.momentum);
          const blend = `const c = this.thread.x;\nreturn (1.0 - ${m}) * s[c] + ${m} * b[c];`;
          for (const [stat, batch] of [
            [running.mean, mean],
            [running.var, variance],
          ] as const) {
            launchInto(rt, stat, launchOf('batchNorm', { s: buf(stat), b: batch }, blend, lines.count));
          }
        }
      });
    },

    batchNormGrad(xhat, rstd, dy, out) {
      const lines = linesOf(xhat, 'columns');
      normalizeGradInto(rt, 'batchNormGrad', xhat, rstd, dy, out, lines, Math.max(1, lines.length - 1));
    },
  };
}
