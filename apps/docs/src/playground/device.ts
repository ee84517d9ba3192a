import {
  type DeviceSelection,
  probeModes,
  probeWebGpu,
  type SelectDeviceOptions,
  selectDevice,
} from '@makemore/gpu';
import { getDefaultBackend } from '@makemore/tensor';
import { DEVICE_CHOICES, type DeviceChoice, glModeOf } from './device-choices.js';

/**
 * Picks the backend for a {@link DeviceChoice} with `@makemore/gpu`'s `selectDevice`, once per
 * choice: training again on the same choice reuses the backend and the kernels it compiled.
 */
export class PlaygroundDevices {
  readonly #selections = new Map<DeviceChoice, DeviceSelection>();
  readonly #options: SelectDeviceOptions;

  /**
   * Creates the picker's backends lazily, on the first {@link PlaygroundDevices.select} of each choice.
   *
   * @param options - passed to `selectDevice`; `cpu` defaults to the tensor core's default backend at
   *   construction, so the CPU choice and a CPU fallback share one backend
   */
  constructor(options: SelectDeviceOptions = {}) {
    this.#options = { cpu: getDefaultBackend(), ...options };
  }

  /**
   * The backend for `choice`, which gpu.js mode runs (null on the CPU backend) and why.
   *
   * @param choice - the picker's value
   * @returns the selection
   * @throws Error when `webgl` or `webgpu` is chosen in a browser without it, or for an unknown choice
   */
  async select(choice: DeviceChoice): Promise<DeviceSelection> {
    const known = this.#selections.get(choice);
    if (known) return known;
    const selection = await this.#resolve(choice);
    this.#selections.set(choice, selection);
    return selection;
  }

  async #resolve(choice: DeviceChoice): Promise<DeviceSelection> {
    switch (choice) {
      case 'auto':
      case 'cpu':
        return selectDevice(choice, this.#options);
      case 'webgl': {
        const probes = this.#options.probes ?? probeModes();
        return selectDevice(glModeOf(probes), { ...this.#options, probes });
      }
      case 'webgpu': {
        // Only an adapter request tells whether WebGPU works here, and it is asynchronous.
        const probe = await probeWebGpu();
        if (!probe.available) {
          throw new Error(
            `gpu.js cannot use WebGPU in this browser (${probe.detail}); choose another device.`,
          );
        }
        return selectDevice('webgpu', { ...this.#options, probes: [probe] });
      }
      default:
        throw new Error(
          `Unknown device '${String(choice)}': choose one of ${DEVICE_CHOICES.map((c) => c.value).join(', ')}.`,
        );
    }
  }
}
