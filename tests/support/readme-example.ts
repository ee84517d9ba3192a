import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { afterEach, expect, test, vi } from 'vitest';

/**
 * Declares the two tests every package's README example gets: the README quotes
 * `src/examples/readme.ts` verbatim (with the package name in place of `../index.js`, and
 * `<package>/node` in place of `../node/index.js`), and running it
 * prints exactly what its `console.log(…); // …` comments say, formatted as Node prints values.
 *
 * @param exampleUrl - URL of the package's `src/examples/readme.ts`
 * @param packageName - the name users import
 * @param run - imports the example (relative to the calling test, so vitest transforms it)
 */
export function testReadmeExample(exampleUrl: URL, packageName: string, run: () => Promise<unknown>): void {
  const source = readFileSync(exampleUrl, 'utf8');
  const readme = readFileSync(new URL('../../README.md', exampleUrl), 'utf8');

  afterEach(() => vi.restoreAllMocks());

  test('the README quotes the example verbatim, importing from the package name', () => {
    // `../index.js` is the package's main entry; `../node/index.js` its `/node` subpath, and so on.
    const quoted = source
      .replaceAll("from '../index.js'", `from '${packageName}'`)
      .replace(/from '\.\.\/([a-z-]+)\/index\.js'/g, `from '${packageName}/$1'`);
    expect(readme).toContain(quoted);
  });

  test('the example runs and prints what its comments say', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await run();
    const printed = log.mock.calls.map((args) =>
      args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' '),
    );
    const promised = [...source.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((match) => match[1]);
    expect(promised.length).toBeGreaterThan(0);
    expect(printed).toEqual(promised);
  });
}
