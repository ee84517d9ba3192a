import { readdirSync, readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { expectedOutput, formatLogCall } from './example-output.js';

// Every code block of the guide is one of these files, included with VitePress's `<<<` snippet syntax.
// Each file is run here, and what it prints must equal the `// ...` comment after each console.log.
const examplesDir = new URL('../examples/', import.meta.url);
const examples = readdirSync(examplesDir)
  .filter((name) => name.endsWith('.ts'))
  .sort();

afterEach(() => {
  vi.restoreAllMocks();
});

describe('guide examples', () => {
  it('exist', () => {
    expect(examples.length).toBeGreaterThanOrEqual(4);
  });

  it.each(examples)('%s prints what its comments say', async (name) => {
    const source = readFileSync(new URL(name, examplesDir), 'utf8');
    const expected = expectedOutput(source, name);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await import(/* @vite-ignore */ new URL(name, examplesDir).href);
    const printed = log.mock.calls.map((args) => formatLogCall(args, inspect));
    expect(printed).toEqual(expected);
  });
});
