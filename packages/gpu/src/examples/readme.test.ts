import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { afterEach, expect, test, vi } from 'vitest';

const source = readFileSync(new URL('./readme.ts', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

afterEach(() => vi.restoreAllMocks());

test('the README quotes the example verbatim, importing from the package name', () => {
  expect(readme).toContain(source.replace("from '../index.js'", "from '@makemore/gpu'"));
});

test('the example runs and prints what its comments say', async () => {
  const log = vi.spyOn(console, 'log').mockImplementation(() => {});
  await import('./readme.js');
  const printed = log.mock.calls.map((args) =>
    args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' '),
  );
  const comments = [...source.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((match) => match[1]);
  expect(printed).toEqual(comments);
  expect(printed).toHaveLength(5);
});
