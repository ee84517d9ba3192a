import type { DeviceSelection, GpuMode, ModeProbe } from '@makemore/gpu';

// Types only from @makemore/gpu: the page imports this module up front and loads gpu.js itself
// (through ./device.js) only when the MLP is trained.

/**
 * Where the playground trains: `auto` (gpu.js only on a hardware GPU, else the CPU backend, as
 * `makemore train --device auto`), `webgl` (gpu.js on WebGL2, or WebGL where the browser has no
 * WebGL2, software renderers included), `webgpu` (gpu.js on WebGPU, a software adapter included) or
 * `cpu` (the tensor core's CPU backend).
 */
export type DeviceChoice = 'auto' | 'webgl' | 'webgpu' | 'cpu';

/** The picker's options, in the order the page lists them. */
export const DEVICE_CHOICES: readonly { value: DeviceChoice; label: string }[] = [
  { value: 'auto', label: 'auto (gpu.js on a hardware GPU, else the CPU backend)' },
  { value: 'webgl', label: 'gpu.js (WebGL2, else WebGL)' },
  { value: 'webgpu', label: 'gpu.js (WebGPU)' },
  { value: 'cpu', label: 'CPU backend' },
];

/**
 * The gpu.js mode the `webgl` choice runs on: WebGL2 where the browser offers it, else WebGL.
 *
 * @param probes - gpu.js's modes as `@makemore/gpu`'s `probeModes` reports them
 * @returns the mode
 * @throws Error naming what each GL mode lacks, when the browser has neither
 */
export function glModeOf(probes: readonly ModeProbe[]): GpuMode {
  const gl = probes.filter((p) => p.mode === 'webgl2' || p.mode === 'webgl');
  const usable = gl.find((p) => p.available);
  if (usable) return usable.mode;
  const why = gl.map((p) => p.detail).join('; ') || 'gpu.js did not probe WebGL';
  throw new Error(`gpu.js cannot use WebGL in this browser (${why}); choose auto or the CPU backend.`);
}

/**
 * A short name for the page.
 *
 * @param selection - what `selectDevice` chose
 * @returns `gpu.js webgl2`, `gpu.js webgl`, ... or `CPU backend`
 */
export function deviceLabel(selection: Pick<DeviceSelection, 'kind' | 'mode'>): string {
  return selection.kind === 'gpu.js' ? `gpu.js ${selection.mode}` : 'CPU backend';
}
