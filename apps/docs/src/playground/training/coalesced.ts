/**
 * Wraps an async task (drawing a chart) so that at most one run is in flight: a call while it runs
 * asks for one more run once it ends, however many calls came meanwhile. The page's charts get
 * records faster than vega draws them; this draws the newest state without queueing stale ones.
 *
 * @param task - reads the newest state when it starts; a rejection ends the run and is returned
 * @returns a function that runs the task now, or once more after the current run
 */
export function coalesced(task: () => Promise<void>): () => Promise<void> {
  let running = false;
  let again = false;
  return async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        await task();
      } while (again);
    } finally {
      running = false;
    }
  };
}
