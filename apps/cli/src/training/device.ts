import { type DeviceRequest, selectDevice } from '@makemore/gpu';
import { setDefaultBackend } from '@makemore/tensor';
import { UsageError } from '../errors.js';

/** Where training runs, as the start of training reports it. */
export interface DeviceReport {
  /** `cpu` (the CPU backend) or `gpu.js`. */
  device: 'cpu' | 'gpu.js';
  /** The gpu.js mode, or null on the CPU backend. */
  mode: string | null;
  /** One line on why this device was chosen. */
  reason: string;
}

/**
 * Chooses the backend for `--device` and makes it the tensor core's default, so the model and every
 * tensor of the training run live there.
 *
 * @param request - the `--device` value
 * @returns what was chosen and why
 * @throws UsageError when the requested gpu.js mode is not available on this machine
 */
export function useDevice(request: DeviceRequest): DeviceReport {
  let selection: ReturnType<typeof selectDevice>;
  try {
    selection = selectDevice(request);
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.replace(/\.$/, '')}; use --device cpu or --device auto.`,
    );
  }
  setDefaultBackend(selection.backend);
  return { device: selection.kind, mode: selection.mode, reason: selection.reason };
}
