import { type Backend, CpuBackend } from '@makemore/tensor';
import { GpuBackend, type GpuBackendOptions } from './backend.js';
import { ALL_GPU_MODES, type GpuMode, isGlMode, type ModeProbe, probeMode, probeModes } from './modes.js';

/**
 * Where tensors should live: `'auto'` (gpu.js only when a hardware GPU answers, else the CPU
 * backend), `'cpu'` (the CPU backend), `'gpu'` (gpu.js in the best mode available here, software
 * renderers included) or one gpu.js mode by name, for experts and benchmarks.
 */
export type DeviceRequest = 'auto' | 'cpu' | 'gpu' | GpuMode;

/** What {@link selectDevice} chose. */
export interface DeviceSelection {
  /** The backend to create tensors on (`{ device: selection.backend }`). */
  readonly backend: Backend;
  /** `'cpu'` for the CPU backend, `'gpu.js'` for {@link GpuBackend}. */
  readonly kind: 'cpu' | 'gpu.js';
  /** The gpu.js mode that runs, or null on the CPU backend. */
  readonly mode: GpuMode | null;
  /** One line saying why, e.g. `no hardware GPU (headlessgl: software renderer llvmpipe ...); using the CPU backend`. */
  readonly reason: string;
}

/** Options for {@link selectDevice}. */
export interface SelectDeviceOptions extends Omit<GpuBackendOptions, 'mode'> {
  /** Probe results to decide on (default: probe now); tests pass their own. */
  probes?: readonly ModeProbe[] | undefined;
  /** Reuse this CPU backend when the choice is the CPU (default: a new one). */
  cpu?: Backend | undefined;
}

const isRequest = (r: unknown): r is DeviceRequest =>
  r === 'auto' || r === 'cpu' || r === 'gpu' || ALL_GPU_MODES.includes(r as GpuMode);

/**
 * Chooses a backend for a device request and says which gpu.js mode runs and why.
 *
 * @example
 * ```ts
 * const { backend, mode, reason } = selectDevice('auto');
 * console.log(mode ?? 'cpu backend', '-', reason);
 * ```
 */
export function selectDevice(
  request: DeviceRequest = 'auto',
  options: SelectDeviceOptions = {},
): DeviceSelection {
  if (!isRequest(request)) {
    throw new Error(
      `Unknown device '${String(request)}': use auto, cpu, gpu or a gpu.js mode (${ALL_GPU_MODES.join(', ')}).`,
    );
  }
  const { probes: given, cpu, ...gpuOptions } = options;
  const cpuChoice = (reason: string): DeviceSelection => ({
    backend: cpu ?? new CpuBackend(),
    kind: 'cpu',
    mode: null,
    reason,
  });
  const gpuChoice = (mode: GpuMode, reason: string): DeviceSelection => ({
    backend: new GpuBackend({ ...gpuOptions, mode }),
    kind: 'gpu.js',
    mode,
    reason,
  });
  if (request === 'cpu') return cpuChoice('requested cpu');
  const probes = given ?? probeModes();
  if (request === 'auto') {
    const hw = probes.find((p) => p.available && p.hardware && isGlMode(p.mode));
    if (hw) return gpuChoice(hw.mode, `auto: ${hw.detail}`);
    const gl = probes.filter((p) => isGlMode(p.mode));
    const seen = gl.find((p) => p.available) ?? gl[0];
    return cpuChoice(`auto: no hardware GPU (${seen?.detail ?? 'no GL mode'}); using the CPU backend`);
  }
  if (request === 'gpu') {
    const best = probes.find((p) => p.available);
    if (!best) throw new Error('device gpu: no gpu.js mode is available here.');
    const skipped = probes.slice(0, probes.indexOf(best)).map((p) => p.detail);
    const why = skipped.length > 0 ? ` (${skipped.join('; ')})` : '';
    return gpuChoice(best.mode, `gpu: best available gpu.js mode is ${best.detail}${why}`);
  }
  const probe =
    probes.find((p) => p.mode === request) ?? (request === 'webgpu' ? probeMode(request) : undefined);
  if (!probe?.available) {
    throw new Error(
      `device ${request}: that gpu.js mode is not available here (${probe?.detail ?? 'not probed'}).`,
    );
  }
  return gpuChoice(request, `requested gpu.js mode ${probe.detail}`);
}

/** Which backend a tensor's data lives on, in the same terms as {@link DeviceSelection}. */
export function describeBackend(backend: Backend): Pick<DeviceSelection, 'kind' | 'mode'> {
  return backend instanceof GpuBackend ? { kind: 'gpu.js', mode: backend.mode } : { kind: 'cpu', mode: null };
}
