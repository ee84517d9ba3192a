import type { LrFindPoint, LrFindProgress } from '@makemore/train';
import type { LrFindStepMessage } from './protocol.js';
import { STEP_REPORT_MS } from './step-reporter.js';

/**
 * Gathers every point of a learning-rate sweep and hands the page one {@link LrFindStepMessage} about
 * every {@link STEP_REPORT_MS} ms (and whenever the job flushes: at a pause, at the end), so the
 * page's curve has every point while it gets a few messages a second, as a training's steps do.
 */
export class LrFindReporter {
  #points: LrFindPoint[] = [];
  #step = 0;
  #lastSent: number;

  /**
   * @param steps - the steps the sweep takes unless it stops early
   * @param post - sends a message to the page
   * @param clock - milliseconds (the run's pause-free clock)
   */
  constructor(
    private readonly steps: number,
    private readonly post: (message: LrFindStepMessage) => void,
    private readonly clock: () => number,
  ) {
    this.#lastSent = clock();
  }

  /**
   * Records a step of the sweep and posts the batch when it is due.
   *
   * @param progress - the sweep's progress after the step
   */
  add(progress: LrFindProgress): void {
    this.#points.push({ lr: progress.lr, loss: progress.loss, smoothed: progress.smoothed });
    this.#step = progress.step;
    if (this.clock() - this.#lastSent >= STEP_REPORT_MS) this.flush();
  }

  /** Posts the points gathered since the last message, if any. */
  flush(): void {
    if (this.#points.length === 0) return;
    this.post({ type: 'lr-find-step', step: this.#step, steps: this.steps, points: this.#points });
    this.#points = [];
    this.#lastSent = this.clock();
  }
}
