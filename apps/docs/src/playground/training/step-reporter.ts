import type { StepEvent } from '@makemore/train';
import type { StepMessage } from './protocol.js';

/** How often the page hears of progress: often enough for a live curve, rarely enough not to flood it. */
export const STEP_REPORT_MS = 100;

/**
 * Gathers the loss of every step and hands the page one {@link StepMessage} about every
 * {@link STEP_REPORT_MS} ms (and whenever the job flushes: before an evaluation, a pause, the end),
 * so the loss curve has every step while the page gets a few messages a second.
 */
export class StepReporter {
  #losses: number[] = [];
  #last: StepEvent | null = null;
  #lastSent: number;

  /**
   * @param steps - the steps the run will take in all
   * @param post - sends a message to the page
   * @param clock - milliseconds (the run's pause-free clock)
   */
  constructor(
    private readonly steps: number,
    private readonly post: (message: StepMessage) => void,
    private readonly clock: () => number,
  ) {
    this.#lastSent = clock();
  }

  /**
   * Records a step and posts the batch when it is due.
   *
   * @param event - the training loop's step event
   */
  add(event: StepEvent): void {
    this.#losses.push(event.loss);
    this.#last = event;
    if (this.clock() - this.#lastSent >= STEP_REPORT_MS) this.flush();
  }

  /** Posts the steps gathered since the last message, if any. */
  flush(): void {
    const last = this.#last;
    if (last === null || this.#losses.length === 0) return;
    const stepsPerSecond = last.stepsPerSecond;
    this.post({
      type: 'step',
      step: last.step,
      steps: this.steps,
      losses: this.#losses,
      lr: last.lr,
      stepsPerSecond,
      etaSeconds: stepsPerSecond > 0 ? (this.steps - last.step) / stepsPerSecond : 0,
    });
    this.#losses = [];
    this.#lastSent = this.clock();
  }
}
