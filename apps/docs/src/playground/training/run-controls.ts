/**
 * Pause, Resume and Stop of one training run, and a clock that leaves paused time out.
 *
 * The training loop awaits its `onEvent` callback after every step, so the run holds there while
 * paused ({@link RunControls.hold}); Stop aborts the loop's `signal` (the loop finishes its step,
 * evaluates and keeps the weights) and also releases a paused run, so a paused run can be stopped.
 */
export class RunControls {
  readonly #abort = new AbortController();
  readonly #clock: () => number;
  #pauseRequested = false;
  #release: (() => void) | null = null;
  #pausedSince: number | null = null;
  #pausedMs = 0;

  /**
   * @param clock - milliseconds (default `performance.now`), for tests
   */
  constructor(clock: () => number = () => performance.now()) {
    this.#clock = clock;
  }

  /** Aborted by {@link RunControls.stop}: the training loop's `signal`. */
  get signal(): AbortSignal {
    return this.#abort.signal;
  }

  /** Whether Stop was asked for. */
  get stopped(): boolean {
    return this.#abort.signal.aborted;
  }

  /** Whether the run is held at a step now. */
  get paused(): boolean {
    return this.#release !== null;
  }

  /** Asks the run to hold at its next step (no effect once stopped). */
  pause(): void {
    if (!this.stopped) this.#pauseRequested = true;
  }

  /** Lets a held run go on, or cancels a pause not yet reached. */
  resume(): void {
    this.#pauseRequested = false;
    this.#release?.();
  }

  /** Ends the run after its current step, paused or not. */
  stop(): void {
    this.#pauseRequested = false;
    this.#abort.abort();
    this.#release?.();
  }

  /**
   * Holds while a pause is asked for, until {@link RunControls.resume} or {@link RunControls.stop}.
   *
   * @param onPaused - called when the hold begins
   * @param onResumed - called when Resume (not Stop) ends it
   */
  async hold(onPaused: () => void, onResumed: () => void): Promise<void> {
    if (!this.#pauseRequested) return;
    this.#pausedSince = this.#clock();
    onPaused();
    await new Promise<void>((resolve) => {
      this.#release = resolve;
    });
    this.#release = null;
    this.#pausedMs += this.#clock() - this.#pausedSince;
    this.#pausedSince = null;
    if (!this.stopped) onResumed();
  }

  /** Milliseconds of the clock with the paused time taken out: the loop's `now`, so steps/s and ETA ignore pauses. */
  activeNow(): number {
    const now = this.#clock();
    const current = this.#pausedSince === null ? 0 : now - this.#pausedSince;
    return now - this.#pausedMs - current;
  }
}
