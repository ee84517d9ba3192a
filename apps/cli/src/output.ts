/** Where a command writes: the process's streams and environment, passed in so commands stay testable. */
export interface CommandContext {
  /** Results go here. */
  stdout: NodeJS.WriteStream;
  /** Progress and errors go here. */
  stderr: NodeJS.WriteStream;
  /** The environment (cache directory and the like). */
  env: NodeJS.ProcessEnv;
  /** Aborted when the user presses Ctrl-C; long commands wind down and save. */
  signal: AbortSignal;
}

/**
 * Writes one JSON object as one line. Infinite numbers (a log-likelihood of -Infinity) have no JSON
 * form and become `null`, as `JSON.stringify` does.
 *
 * @param stream - where to write
 * @param value - the object
 */
export function writeJsonLine(stream: NodeJS.WritableStream, value: Record<string, unknown>): void {
  stream.write(`${JSON.stringify(value)}\n`);
}

/**
 * Formats a count with thousands separators, as the lectures' figures are written.
 *
 * @param value - a whole number
 * @returns e.g. `228,146`
 */
export function formatCount(value: number): string {
  return value.toLocaleString('en-US');
}

/**
 * A count with its noun, singular or plural as the count needs: `1 step`, `20,000 steps`.
 *
 * @param value - a whole number
 * @param noun - the singular noun
 * @param plural - the plural, when it is not `noun` + `s`
 */
export function countOf(value: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(value)} ${value === 1 ? noun : plural}`;
}

/**
 * A rate with as many digits as it needs to say something: `1,234`, `12.3`, `0.11`.
 *
 * @param value - a non-negative rate
 */
export function formatRate(value: number): string {
  if (value >= 100) return formatCount(Math.round(value));
  if (value >= 1) return value.toFixed(1);
  return value === 0 ? '0' : value.toPrecision(2);
}

/**
 * A duration for an ETA: `45 s`, `3 min 20 s`, `2 h 05 min`.
 *
 * @param seconds - a non-negative duration
 */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
}

/**
 * Lays out rows as left-aligned columns separated by two spaces.
 *
 * @param rows - cells, as strings
 * @returns the table's lines, without trailing newline
 */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  '))
    .join('\n');
}
