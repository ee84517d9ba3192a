/**
 * Helpers that write gpu.js kernel sources. Every kernel of this backend runs over a flat (1-D)
 * output of `size(out.shape)` threads and reads flat operands; n-d indexing is decomposed from
 * `this.thread.x` in the generated code, with the shapes baked in as literals. A kernel's source is
 * therefore a function of the op and its shapes, and the source text is the kernel cache key.
 *
 * Index arithmetic runs in float32 on the GL and WebAssembly modes, so each integer division is
 * written `Math.floor((i + 0.5) / d)`: the half offset keeps the quotient off the rounding edge for
 * every `i` below the backend's element limit.
 */

import { stridesOf } from '@makemore/tensor';

/** Strides of `shape` read as if broadcast to `out` (0 on broadcast and missing axes). */
export function broadcastStrides(shape: readonly number[], out: readonly number[]): number[] {
  const own = stridesOf(shape);
  const off = out.length - shape.length;
  return out.map((_, i) => {
    const j = i - off;
    return j < 0 || shape[j] === 1 ? 0 : own[j]!;
  });
}

/** A number as a kernel literal: always with a decimal point so gpu.js types it as a float. */
export function lit(v: number): string {
  if (Number.isNaN(v)) return '(0.0 / 0.0)';
  if (v === Number.POSITIVE_INFINITY) return '(1.0 / 0.0)';
  if (v === Number.NEGATIVE_INFINITY) return '(-1.0 / 0.0)';
  const s = String(v);
  return /[.e]/.test(s) ? s : `${s}.0`;
}

/**
 * Statements that decompose the flat index `flat` (a name in the kernel) into the coordinates of
 * `shape`, named `${prefix}0`, `${prefix}1`, ... Axes of size 1 get the constant 0.
 */
export function decompose(flat: string, shape: readonly number[], prefix: string): string {
  const lines: string[] = [];
  let rest = flat;
  for (let ax = shape.length - 1; ax >= 0; ax--) {
    const d = shape[ax]!;
    const c = `${prefix}${ax}`;
    if (d === 1) {
      lines.push(`const ${c} = 0.0;`);
      continue;
    }
    if (ax === 0 || shape.slice(0, ax).every((x) => x === 1)) {
      lines.push(`const ${c} = ${rest};`);
      rest = '0.0';
      continue;
    }
    const q = `${prefix}q${ax}`;
    lines.push(`const ${q} = Math.floor((${rest} + 0.5) / ${lit(d)});`);
    lines.push(`const ${c} = ${rest} - ${q} * ${lit(d)};`);
    rest = q;
  }
  return lines.join('\n');
}

/** `base + Σ coord[i] * strides[i]` over the coordinates named by `prefix`, skipping zero strides. */
export function offset(prefix: string, strides: readonly number[], base = 0): string {
  const terms: string[] = [];
  if (base !== 0) terms.push(lit(base));
  strides.forEach((s, i) => {
    if (s !== 0) terms.push(s === 1 ? `${prefix}${i}` : `${prefix}${i} * ${lit(s)}`);
  });
  return terms.length === 0 ? '0.0' : terms.join(' + ');
}

/** A complete kernel source: `function(args) { body }`. */
export function kernelSource(args: readonly string[], body: string): string {
  return `function(${args.join(', ')}) {\n${body}\n}`;
}
