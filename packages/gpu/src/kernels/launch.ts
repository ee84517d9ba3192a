/**
 * What every op family's kernels share: the buffer behind an operand, launches of one thread per
 * output element, and the two endings of a kernel (the result becomes the output's value; device
 * temporaries are freed whether the kernel finishes or throws).
 */

import { sizeOf, type TensorInfo } from '@makemore/tensor';
import { decompose, kernelSource } from '../codegen.js';
import type { DeviceValue, GpuBuffer, Launch, Runtime } from '../runtime.js';

/** The buffer behind a kernel operand (every operand this backend's kernels see is one of its buffers). */
export const buf = (t: TensorInfo): GpuBuffer => t.dataId as GpuBuffer;

/** What a kernel reads: a buffer, a device value (a temporary) or a number (a uniform). */
export type KernelArg = GpuBuffer | DeviceValue | number;

/**
 * A kernel's parameters by name, in the order of its source's parameter list (object keys keep
 * insertion order; names are identifiers, never integer-like keys, which objects put first), so a
 * name and its operand are written once, side by side.
 */
export type KernelInputs = Readonly<Record<string, KernelArg>>;

/** A launch of `source` over `size` threads, reading `inputs`. */
export function launchOf(op: string, inputs: KernelInputs, body: string, size: number, loop = 0): Launch {
  return { op, source: kernelSource(Object.keys(inputs), body), size, loop, args: Object.values(inputs) };
}

/** What {@link perElement} launches. */
export interface PerElement {
  /** Op name, for errors. */
  readonly op: string;
  /** The kernel's parameters (see {@link KernelInputs}). */
  readonly inputs: KernelInputs;
  /** One thread per element of this shape. */
  readonly shape: readonly number[];
  /** Statements after the coordinates are set; they must return the element's value. */
  readonly body: readonly string[];
  /** The longest loop in `body` (default 0). */
  readonly loop?: number;
  /** Prefix of the coordinate names (default `c`: `c0`, `c1`, ...). */
  readonly coords?: string;
}

/**
 * A launch of one thread per element of `shape`: the body sees its flat index as `i` and its
 * coordinates as `c0`, `c1`, ... (see `decompose`). Most kernels of this backend are one.
 */
export function perElement(p: PerElement): Launch {
  const lines = ['const i = this.thread.x;', decompose('i', p.shape, p.coords ?? 'c'), ...p.body];
  return launchOf(p.op, p.inputs, lines.join('\n'), sizeOf(p.shape), p.loop ?? 0);
}

/** Makes `v` (a launch's result, or host values) the value of `out`, freeing what it held. */
export function assignTo(rt: Runtime, out: TensorInfo, v: DeviceValue): void {
  rt.assign(buf(out), v);
}

/** Launches `l` and makes its result the value of `out`: how most kernels end. */
export function launchInto(rt: Runtime, out: TensorInfo, l: Launch): void {
  rt.assign(buf(out), rt.launch(l));
}

/**
 * Runs `fn`, handing it `temp`, which marks a device value as a temporary; every temporary is freed
 * when `fn` returns or throws. `temp` returns its argument, so a launch can be marked where it is made.
 */
export function withTemps<T>(rt: Runtime, fn: (temp: <V extends DeviceValue>(v: V) => V) => T): T {
  const temps: DeviceValue[] = [];
  try {
    return fn((v) => {
      temps.push(v);
      return v;
    });
  } finally {
    for (const v of temps) rt.free(v);
  }
}
