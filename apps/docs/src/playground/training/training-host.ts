import type { PageMessage, WorkerMessage } from './protocol.js';
import { RunControls } from './run-controls.js';
import type { TrainingDevices } from './training-devices.js';
import { runTrainingJob } from './training-job.js';

/**
 * The worker's message handling as plain code: one training at a time, with Pause, Resume and Stop
 * routed to it. The worker entry wires it to `self`; tests wire it to a fake worker.
 */
export class TrainingHost {
  #current: RunControls | null = null;

  /**
   * @param post - sends a message to the page
   * @param devices - the worker's backends, shared by its runs
   */
  constructor(
    private readonly post: (message: WorkerMessage) => void,
    private readonly devices: TrainingDevices,
  ) {}

  /** Whether a training is running (or paused). */
  get busy(): boolean {
    return this.#current !== null;
  }

  /**
   * Handles one page message.
   *
   * @param message - a train request or a control
   * @returns the running job's promise for `train` (resolves when the run ended), else undefined
   */
  receive(message: PageMessage): Promise<void> | undefined {
    if (message.type !== 'train') {
      this.#current?.[message.type]();
      return undefined;
    }
    if (this.#current !== null) {
      this.post({
        type: 'error',
        message: 'A training is already running; stop it before starting another.',
      });
      return undefined;
    }
    const controls = new RunControls();
    this.#current = controls;
    return runTrainingJob(message, this.post, { controls, devices: this.devices }).then(() => {
      this.#current = null;
    });
  }
}
