/**
 * The output an example promises: the text after `// ` on each line that calls `console.log`.
 *
 * @param source - the example's source text
 * @param name - its file name, for the error
 * @returns one expected line per console.log call, in order
 * @throws Error when a console.log line has no comment, since its output would go unchecked
 */
export function expectedOutput(source: string, name: string): string[] {
  const expected: string[] = [];
  for (const line of source.split('\n')) {
    if (!line.includes('console.log(')) continue;
    const match = /console\.log\(.*\); \/\/ (.*)$/.exec(line);
    if (match === null)
      throw new Error(`${name}: every console.log line needs a "// output" comment: ${line}`);
    expected.push(match[1]!);
  }
  return expected;
}

/**
 * Formats the arguments of one console.log call on one line, as Node prints them.
 *
 * @param args - the call's arguments
 * @param inspect - node:util's inspect
 * @returns the printed line
 */
export function formatLogCall(
  args: readonly unknown[],
  inspect: (value: unknown, options: object) => string,
): string {
  return args
    .map((arg) => (typeof arg === 'string' ? arg : inspect(arg, { breakLength: Number.POSITIVE_INFINITY })))
    .join(' ');
}
