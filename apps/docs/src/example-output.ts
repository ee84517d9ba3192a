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
      throw new Error(
        `${name}: every console.log line needs a "// output" comment, or its chapter output blocks: ${line}`,
      );
    expected.push(match[1]!);
  }
  return expected;
}

/** What a guide chapter says about the example it runs. */
export interface ChapterExample {
  /** The example's file name in apps/docs/examples, e.g. `counting-bigrams.ts`. */
  file: string;
  /** The regions of it that the chapter includes (`<<< …/x.ts#region`), in order; `''` for the whole file. */
  regions: string[];
  /** The lines of the chapter's output blocks (```` ```txt ````), in order; `undefined` if it has none. */
  output: string[] | undefined;
  /** The example names of the chapter's `pnpm --filter @makemore/docs example <name>` commands. */
  commands: string[];
}

/** The command that runs an example, as each chapter gives it. */
export const EXAMPLE_COMMAND = 'pnpm --filter @makemore/docs example';

/**
 * Reads a guide chapter: the TypeScript example it includes with VitePress's `<<<` snippet syntax, the
 * output blocks that show what that example prints, and the command that runs it.
 *
 * @param markdown - the chapter's text
 * @returns what it says, or `undefined` when it includes no TypeScript example
 * @throws Error when it includes more than one
 */
export function readChapter(markdown: string): ChapterExample | undefined {
  const includes = [
    ...markdown.matchAll(/^<<< \.\.\/\.\.\/apps\/docs\/examples\/([\w-]+\.ts)(?:#([\w-]+))?\s*$/gm),
  ];
  if (includes.length === 0) return undefined;
  const files = new Set(includes.map((m) => m[1]!));
  if (files.size > 1)
    throw new Error(`a chapter runs one example, this one includes ${[...files].join(', ')}`);
  const blocks = [...markdown.matchAll(/^```txt\n([\s\S]*?)^```$/gm)].map((m) => m[1]!.replace(/\n$/, ''));
  const commands = [...markdown.matchAll(/^pnpm --filter @makemore\/docs example ([\w-]+)$/gm)].map(
    (m) => m[1]!,
  );
  return {
    file: [...files][0]!,
    regions: includes.map((m) => m[2] ?? ''),
    output: blocks.length === 0 ? undefined : blocks.flatMap((block) => block.split('\n')),
    commands,
  };
}

/**
 * The named regions of an example (`// #region name` … `// #endregion name`), in order.
 *
 * @param source - the example's source text
 * @returns the region names
 */
export function regionsOf(source: string): string[] {
  return [...source.matchAll(/^\s*\/\/ #region ([\w-]+)\s*$/gm)].map((m) => m[1]!);
}

/** A line of an output block that ends like this shows a measured number (a time): only its words are compared. */
export const MEASURED = '(measured)';

/**
 * Whether one printed line is what the guide shows: equal, or for a line that ends with
 * {@link MEASURED}, equal once every number in either is masked.
 *
 * @param printed - what the example printed
 * @param shown - what the output block shows
 */
export function sameLine(printed: string, shown: string): boolean {
  if (!shown.endsWith(MEASURED)) return printed === shown;
  const mask = (line: string) => line.replace(/\d[\d,]*(\.\d+)?/g, '#');
  return mask(printed) === mask(shown);
}
