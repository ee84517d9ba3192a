import { type DeviceRequest, selectDevice } from '@makemore/gpu';
import { CpuBackend, setDefaultBackend } from '@makemore/tensor';
import { createThreadPool } from '@makemore/tensor/node';
import { UsageError } from '../errors.js';

/** Where training runs, as the start of training reports it. */
export interface DeviceReport {
  /** `cpu` (the CPU backend) or `gpu.js`. */
  device: 'cpu' | 'gpu.js';
  /** The gpu.js mode, or null on the CPU backend. */
  mode: string | null;
  /** One line on why this device was chosen. */
  reason: string;
  /** Threads that share the CPU backend's large matmuls (1 on gpu.js). */
  threads: number;
}

/**
 * Chooses the backend for `--device` and makes it the tensor core's default, so the model and every
 * tensor of the training run live there.
 *
 * @param request - the `--device` value
 * @param threads - the `--threads` value: above 1, the CPU backend shares large matmuls with workers
 * @returns what was chosen and why
 * @throws UsageError when the requested gpu.js mode is not available on this machine, or threads are
 *   asked of gpu.js or of a runtime that cannot run them
 */
export async function useDevice(request: DeviceRequest, threads = 1): Promise<DeviceReport> {
  let selection: ReturnType<typeof selectDevice>;
  try {
    selection = selectDevice(request);
  } catch (error) {
    throw new UsageError(
      `${(error as Error).message.replace(/\.$/, '')}; use --device cpu or --device auto.`,
    );
  }
  if (threads > 1 && selection.kind !== 'cpu') {
    throw new UsageError(
      `--threads applies to the CPU backend, not gpu.js ${selection.mode}; use --device cpu or leave --threads out.`,
    );
  }
  let backend = selection.backend;
  if (threads > 1) {
    try {
      // The workers never keep the process alive, so the pool needs no closing at exit.
      backend = new CpuBackend({ threads: await createThreadPool(threads) });
    } catch (error) {
      throw new UsageError(`${(error as Error).message.replace(/\.$/, '')}; leave --threads out.`);
    }
  }
  setDefaultBackend(backend);
  return { device: selection.kind, mode: selection.mode, reason: selection.reason, threads };
}
