import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { markPaths, svgElements } from '../../../../tests/support/svg-document.js';
import { argv } from '../test-support/argv.js';
import { jsonLines, runCli, TRACE_IMPORTS, tempDir } from '../test-support/run-cli.js';

// A small MLP on the built-in first-names keeps each sweep well under a second.
const SMALL = ['--model', 'mlp', '--n-hidden', '16', '--steps', '200', '--quiet'];

describe('makemore lr-find', () => {
  test('prints the suggestion with the range searched and writes the plot: both curves and the marked rate', async () => {
    const dir = await tempDir();
    const out = join(dir, 'lr.svg');
    const { code, stdout, stderr } = await runCli(['lr-find', ...SMALL, '--out', out]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^suggested learning rate: 0\.\d+ \(searched 0\.001 to 1 over 200 steps; the smoothed loss was lowest, \d+\.\d\d, at [\d.]+\)\nwrote .*lr\.svg\n$/,
    );
    const svg = await readFile(out, 'utf8');
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgElements(svg)[0]).toBe('svg');
    // The batch losses and the smoothed losses: one line each, through every step.
    for (const layer of [0, 1]) {
      const [line] = markPaths(svg, `layer_${layer}_marks`);
      expect(line!.match(/L/g)).toHaveLength(199);
    }
    expect(svg).toContain('mark-symbol role-mark layer_2_marks');
    expect(svg).toMatch(/suggested 0\.\d+<\/text>/);
    expect(svg).toContain('learning rate (log scale)');
  });

  test('--json prints the points and the suggestion as one object', async () => {
    const dir = await tempDir();
    const out = join(dir, 'lr.svg');
    const { code, stdout } = await runCli(argv`lr-find ${SMALL} --from 0.01 --to 3 --json --out ${out}`);
    expect(code).toBe(0);
    const [result, ...rest] = jsonLines(stdout);
    expect(rest).toEqual([]);
    expect(result).toMatchObject({ event: 'lr-find', model: 'mlp', from: 0.01, to: 3, steps: 200, out });
    const points = result!.points as { lr: number; loss: number; smoothed: number }[];
    expect(points.length).toBeGreaterThan(10);
    expect(points[0]).toEqual({ lr: 0.01, loss: expect.any(Number), smoothed: points[0]!.loss });
    const suggestion = result!.suggestion as { lr: number; index: number };
    expect(points[suggestion.index]!.lr).toBe(suggestion.lr);
    expect(await readFile(out, 'utf8')).toContain('<svg');
  });

  test.each([
    [
      ['--from', '1', '--to', '0.1'],
      'error: --from (1) must be below --to (0.1): the sweep raises the rate from one to the other.',
    ],
    [['--from', '0'], "error: option '--from <rate>' argument '0' is invalid. It must be a number above 0."],
    [['--to', '-1'], "error: option '--to <rate>' argument '-1' is invalid. It must be a number above 0."],
    [
      ['--steps', '1'],
      "error: option '--steps <n>' argument '1' is invalid. It must be a whole number of at least 2.",
    ],
    [
      ['--steps', '1e9'],
      "error: option '--steps <n>' argument '1e9' is invalid. It must be a whole number from 2 to 100,000.",
    ],
    [
      ['--model', 'bigram'],
      'error: The bigram model is counted, not trained with a learning rate; sweep a neural model such as mlp.',
    ],
    [
      ['--model', 'mlp', '--n-head', '4'],
      'error: --n-head is a hyperparameter of transformer, not of the mlp model; it takes --block-size, --n-embd, --n-hidden.',
    ],
  ])('%o exits 2 with one sentence', async (flags, message) => {
    const { code, stdout, stderr } = await runCli([
      'lr-find',
      '--model',
      'mlp',
      ...flags,
      '--out',
      '/nonexistent/x.svg',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.split('\n')[0]).toBe(message);
  });

  test('without --model it says so', async () => {
    const { code, stderr } = await runCli(['lr-find']);
    expect(code).toBe(2);
    expect(stderr).toContain("required option '--model <name>' not specified");
  });

  test.each([['--help'], ['train', '--help'], ['lr-find', '--help']])(
    '%o does not load the plotting library',
    async (...args) => {
      const { code, stderr } = await runCli(args, { nodeOptions: ['--import', TRACE_IMPORTS] });
      expect(code).toBe(0);
      expect(stderr.split('\n').filter((line) => /\/vega/.test(line))).toEqual([]);
    },
  );
});
