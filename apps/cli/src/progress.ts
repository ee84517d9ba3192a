import { SingleBar } from 'cli-progress';

/** A progress display for long work; silent when the output is not a terminal. */
export interface Progress {
  /** Reports `done` of `total` units, with extra values shown after the bar (e.g. the loss). */
  update(done: number, total: number, extra?: Record<string, string>): void;
  /** Removes the bar so the lines that follow print cleanly. */
  stop(): void;
}

/**
 * A progress bar with ETA on stderr when stderr is a TTY, and nothing otherwise, so pipes and logs
 * stay clean.
 *
 * @param label - what the bar measures, e.g. `download` or `train`
 * @param stream - where to draw (stderr)
 * @returns the progress display
 */
export function createProgress(label: string, stream: NodeJS.WriteStream): Progress {
  if (!stream.isTTY) return { update() {}, stop() {} };
  const bar = new SingleBar({
    stream,
    format: `${label} [{bar}] {percentage}% | {value}/{total} | ETA {eta_formatted} {extra}`,
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
  });
  let started = false;
  return {
    update(done, total, extra = {}) {
      const text = Object.entries(extra)
        .map(([key, value]) => `| ${key} ${value}`)
        .join(' ');
      if (!started) {
        bar.start(total, done, { extra: text });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { extra: text });
      }
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
