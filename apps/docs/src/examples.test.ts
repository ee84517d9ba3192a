import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  EXAMPLE_COMMAND,
  expectedOutput,
  MEASURED,
  readChapter,
  regionsOf,
  sameLine,
} from './example-output.js';
import { LECTURE_FIGURES } from './lecture-figures.js';

// Every code block of the guide is one of these files, included with VitePress's `<<<` snippet syntax.
// Each file is run here with the command its chapter gives (`pnpm --filter @makemore/docs example
// <name>` runs scripts/run-example.mjs), and what it prints must equal the chapter's output blocks
// (```txt), or, in a chapter without them, the `// ...` comment after each console.log.
const appDir = new URL('../', import.meta.url);
const examplesDir = new URL('examples/', appDir);
const guideDir = new URL('../../docs/guide/', appDir);
const namesFile = new URL('../../../shared/data/names.txt', appDir);
const examples = readdirSync(examplesDir)
  .filter((name) => name.endsWith('.ts'))
  .sort();
const chapters = readdirSync(guideDir)
  .filter((name) => name.endsWith('.md'))
  .sort()
  .map((name) => ({ name, chapter: readChapter(readFileSync(new URL(name, guideDir), 'utf8')) }));
const chapterOf = (file: string) => chapters.find(({ chapter }) => chapter?.file === file);

const run = promisify(execFile);

describe('guide examples', () => {
  it('exist, each run by one chapter that says how to run it', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
    const pkg = JSON.parse(readFileSync(new URL('package.json', appDir), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['example']).toBe('node scripts/run-example.mjs');
    for (const { name, chapter } of chapters) {
      if (chapter === undefined) continue;
      expect(examples, `${name} includes a file that is not an example`).toContain(chapter.file);
      expect(chapter.commands, `${name} gives "${EXAMPLE_COMMAND} <name>" for its example`).toEqual([
        chapter.file.replace(/\.ts$/, ''),
      ]);
      const source = readFileSync(new URL(chapter.file, examplesDir), 'utf8');
      const regions = regionsOf(source);
      // The chapter shows the whole file: every region once, in order, or the file itself.
      expect(chapter.regions, `${name} shows every region of ${chapter.file}`).toEqual(
        regions.length === 0 ? [''] : regions,
      );
    }
  });

  it.for(examples)('%s prints what its chapter shows', { timeout: 300_000 }, async (name, { skip }) => {
    const source = readFileSync(new URL(name, examplesDir), 'utf8');
    const chapter = chapterOf(name)?.chapter;
    const expected = chapter?.output ?? expectedOutput(source, name);
    if (source.includes('shared/data/') && !existsSync(namesFile)) {
      if (process.env['CI'] === 'true') throw new Error(`${fileURLToPath(namesFile)} is missing`);
      return skip(`${fileURLToPath(namesFile)} is missing`);
    }
    const { stdout } = await run(process.execPath, ['scripts/run-example.mjs', name], {
      cwd: fileURLToPath(appDir),
      maxBuffer: 16 * 2 ** 20,
    });
    const printed = stdout.replace(/\n$/, '').split('\n');
    expect(printed.length, `${name} prints as many lines as shown`).toBe(expected.length);
    const differ = printed
      .map((line, i) => ({ line, shown: expected[i]! }))
      .filter(({ line, shown }) => !sameLine(line, shown));
    expect(differ, `${name}: printed lines that differ from what the guide shows`).toEqual([]);
    // The lecture's figures, where this example is a lecture chapter's.
    for (const figure of LECTURE_FIGURES[name] ?? []) {
      expect(stdout, `${name} prints the lecture's ${figure}`).toContain(figure);
    }
    for (const line of printed.filter((l) => l.endsWith(MEASURED))) {
      // A measured speed-up is a ratio of times; only its direction is asserted, never a timing.
      const ratio = /(\d+(?:\.\d+)?)×/.exec(line);
      if (ratio !== null) expect(Number(ratio[1]), line).toBeGreaterThan(1);
    }
  });

  it("shows every figure of the lecture in its chapter's output", () => {
    for (const [example, figures] of Object.entries(LECTURE_FIGURES)) {
      const output = chapterOf(example)?.chapter?.output?.join('\n');
      expect(output, `a chapter shows the output of ${example}`).toBeDefined();
      for (const figure of figures) expect(output, `${example}: ${figure}`).toContain(figure);
    }
  });
});
