import { runLrFindJob } from './lr-find-job.js';
import type { PageMessage, WorkerMessage } from './protocol.js';
import { RunControls } from './run-controls.js';
import { alreadyRunning, type RunKind } from './run-kind.js';
import type { TrainingDevices } from './training-devices.js';
import { runTrainingJob } from './training-job.js';

/** What the worker is running: a training or a learning-rate sweep, with its controls. */
interface CurrentJob {
  kind: RunKind;
  controls: RunControls;
}

/**
 * The worker's message handling as plain code: one job at a time (a training or a learning-rate
 * sweep), with Pause, Resume and Stop routed to it. The worker entry wires it to `self`; tests wire
 * it to a fake worker.
 */
export class TrainingHost {
  #current: CurrentJob | null = null;

  /**
   * @param post - sends a message to the page
   * @param devices - the worker's backends, shared by its runs
   */
  constructor(
    private readonly post: (message: WorkerMessage) => void,
    private readonly devices: TrainingDevices,
  ) {}

  /** Whether a training or a sweep is running (or paused). */
  get busy(): boolean {
    return this.#current !== null;
  }

  /**
   * Handles one page message.
   *
   * @param message - a train or lr-find request, or a control
   * @returns the job's promise for `train` and `lr-find` (resolves when the job ended), else undefined
   */
  receive(message: PageMessage): Promise<void> | undefined {
    if (message.type !== 'train' && message.type !== 'lr-find') {
      this.#current?.controls[message.type]();
      return undefined;
    }
    if (this.#current !== null) {
      this.post({ type: 'error', message: alreadyRunning(this.#current.kind) });
      return undefined;
    }
    const controls = new RunControls();
    this.#current = { kind: message.type, controls };
    const options = { controls, devices: this.devices };
    const job =
      message.type === 'train'
        ? runTrainingJob(message, this.post, options)
        : runLrFindJob(message, this.post, options);
    return job.then(() => {
      this.#current = null;
    });
  }
}
