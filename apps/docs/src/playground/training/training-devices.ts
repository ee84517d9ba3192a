import type { DeviceSelection } from '@makemore/gpu';
import { type Backend, CpuBackend, type CpuBackendOptions, getDefaultBackend } from '@makemore/tensor';
import type { PlaygroundDevices } from '../device.js';
import { type DeviceChoice, deviceLabel } from '../device-choices.js';
import type { DeviceMessage } from './protocol.js';

/** A pool of CPU threads for the CPU backend's matmuls. */
export type ThreadPool = NonNullable<CpuBackendOptions['threads']>;

/** What the worker's surroundings offer the training: isolation, threads and gpu.js. */
export interface TrainingEnvironment {
  /** Whether the page is cross-origin isolated, so threads can share memory (`crossOriginIsolated`). */
  crossOriginIsolated: boolean;
  /**
   * Starts `threads − 1` helper threads (`createBrowserThreadPool` in a browser worker); absent
   * where none can be started, which leaves the CPU backend on one thread.
   */
  createThreadPool?: ((threads: number) => Promise<ThreadPool>) | undefined;
}

/** Where a run trains and what the page is told of it. */
export interface TrainingDevice {
  /** The backend, its kind and gpu.js mode. */
  selection: DeviceSelection;
  /** The `device` message for the page. */
  message: DeviceMessage;
}

const NOT_ISOLATED =
  'the page is not cross-origin isolated (no SharedArrayBuffer), so the CPU backend runs on 1 thread';

/**
 * The backends of the worker's runs, made once and reused by later runs: the CPU backend for each
 * thread count, and gpu.js's backends, whose module is loaded only when a gpu.js device is chosen
 * (so a CPU run never downloads gpu.js).
 */
export class TrainingDevices {
  readonly #environment: TrainingEnvironment;
  readonly #cpu = new Map<number, Backend>();
  readonly #gpu = new Map<number, PlaygroundDevices>();

  /**
   * @param environment - isolation and the thread pool factory
   */
  constructor(environment: TrainingEnvironment) {
    this.#environment = environment;
    // The tensor core's own CPU backend is the one-thread choice; a gpu.js run replaces the default later.
    this.#cpu.set(1, getDefaultBackend());
  }

  /**
   * The device for a run.
   *
   * @param choice - the page's device choice
   * @param threads - the threads asked for
   * @returns the backend and the page's message
   * @throws Error for a thread count below 1, or a gpu.js choice this browser (or worker) cannot run
   */
  async select(choice: DeviceChoice, threads: number): Promise<TrainingDevice> {
    if (!(Number.isInteger(threads) && threads >= 1)) {
      throw new Error(`The number of threads must be a whole number of at least 1, not ${threads}.`);
    }
    const cpu = await this.#cpuBackend(threads);
    const selection: DeviceSelection =
      choice === 'cpu'
        ? { backend: cpu.backend, kind: 'cpu', mode: null, reason: 'requested cpu' }
        : await (await this.#gpuDevices(cpu.threads, cpu.backend)).select(choice);
    const onCpu = selection.kind === 'cpu';
    return {
      selection,
      message: {
        type: 'device',
        kind: selection.kind,
        mode: selection.mode,
        label: deviceLabel(selection),
        reason: selection.reason,
        threads: onCpu ? cpu.threads : 1,
        threadsNote: onCpu
          ? cpu.note
          : threads > 1
            ? 'gpu.js runs on the GPU; threads apply to the CPU backend'
            : null,
      },
    };
  }

  /** The CPU backend on as many of `threads` as the page allows, and why fewer if so. */
  async #cpuBackend(threads: number): Promise<{ backend: Backend; threads: number; note: string | null }> {
    const single = this.#cpu.get(1)!;
    if (threads === 1) return { backend: single, threads: 1, note: null };
    const { crossOriginIsolated, createThreadPool } = this.#environment;
    if (!crossOriginIsolated) return { backend: single, threads: 1, note: NOT_ISOLATED };
    if (!createThreadPool) {
      return {
        backend: single,
        threads: 1,
        note: 'this build has no browser thread pool, so the CPU backend runs on 1 thread',
      };
    }
    const known = this.#cpu.get(threads);
    if (known) return { backend: known, threads, note: null };
    try {
      const backend = new CpuBackend({ threads: await createThreadPool(threads) });
      this.#cpu.set(threads, backend);
      return { backend, threads, note: null };
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      return {
        backend: single,
        threads: 1,
        note: `threads could not start (${why}), so the CPU backend runs on 1 thread`,
      };
    }
  }

  async #gpuDevices(threads: number, cpu: Backend): Promise<PlaygroundDevices> {
    const known = this.#gpu.get(threads);
    if (known) return known;
    // gpu.js is large: load it only for a gpu.js (or auto) choice.
    const { PlaygroundDevices } = await import('../device.js');
    const devices = new PlaygroundDevices({ cpu });
    this.#gpu.set(threads, devices);
    return devices;
  }
}
