import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';

const source = readFileSync(new URL('./readme.ts', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('README example', () => {
  it('is quoted verbatim in README.md, importing from the package name', () => {
    expect(readme).toContain(source.replace("from '../index.js'", "from '@makemore/data'"));
  });

  it('runs and prints what its comments say', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await import('./readme.js');
    expect(log.mock.calls).toEqual([
      [['emma', 'olivia', 'ava'], 1],
      ['.aeilmov', 8],
      [[0, 1, 7, 1, 0]],
      ['ma'],
      [5, new Int32Array([0, 0, 2]), 5],
      [8422, 6737, 842, 843],
    ]);
    // The comments in the example are the same values, as Node prints them.
    const { inspect } = await import('node:util');
    const comments = [...source.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((match) => match[1]);
    expect(comments).toEqual(
      log.mock.calls.map((args) =>
        args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' '),
      ),
    );
  });
});
