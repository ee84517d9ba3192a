/**
 * `@makemore/gpu`: a gpu.js backend for `@makemore/tensor`, and device selection that takes it only
 * where it pays (a hardware GPU) unless asked.
 *
 * @packageDocumentation
 */
export { GpuBackend, type GpuBackendOptions, type GpuBackendStats } from './backend.js';
export {
  type DeviceRequest,
  type DeviceSelection,
  describeBackend,
  type SelectDeviceOptions,
  selectDevice,
} from './device.js';
export {
  ALL_GPU_MODES,
  GPU_MODES,
  type GpuMode,
  isGlMode,
  type ModeProbe,
  probeMode,
  probeModes,
  probeWebGpu,
} from './modes.js';
export type { GpuLimits, GpuStats } from './runtime.js';
