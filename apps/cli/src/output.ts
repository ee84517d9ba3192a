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
