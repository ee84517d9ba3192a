import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { describeWithNames, NAMES_FILE_URL } from '../../../../packages/data/src/test-support/names-file.js';
import { jsonLines, runCli, tempDir } from '../test-support/run-cli.js';

const namesPath = fileURLToPath(NAMES_FILE_URL);

describeWithNames('makemore bigram on names.txt (the lecture figures)', () => {
  test('prints the five most common bigrams and the unsmoothed NLL', async () => {
    const { code, stdout } = await runCli(['bigram', '--data', namesPath, '--top', '5', '--smoothing', '0']);
    expect(code).toBe(0);
    expect(stdout).toContain('32,033 items, 27 tokens (shared layout), 228,146 bigrams');
    expect(stdout).toMatch(/n\s+\.\s+6,763\na\s+\.\s+6,640\na\s+n\s+5,438\n\.\s+a\s+4,410\ne\s+\.\s+3,983/);
    expect(stdout).toContain('average NLL: 2.4540 per token over 228,146 tokens (smoothing 0)');
  });

  test('--json gives numbers as numbers, with +1 smoothing by default', async () => {
    const { code, stdout } = await runCli(['bigram', '--data', namesPath, '--top', '2', '--json']);
    expect(code).toBe(0);
    const lines = jsonLines(stdout);
    expect(lines.slice(0, 2)).toEqual([
      { event: 'bigram', prev: 'n', next: '.', count: 6763 },
      { event: 'bigram', prev: 'a', next: '.', count: 6640 },
    ]);
    expect(lines[2]).toMatchObject({
      event: 'summary',
      items: 32033,
      vocabSize: 27,
      bigrams: 228146,
      smoothing: 1,
      tokens: 228146,
    });
    expect((lines[2]!.averageNll as number).toFixed(4)).toBe('2.4546');
  });

  test("the split layout has the lecture's <START> and <END> tokens", async () => {
    const { stdout } = await runCli([
      'bigram',
      '--data',
      namesPath,
      '--layout',
      'split',
      '--top',
      '1',
      '--json',
    ]);
    const lines = jsonLines(stdout);
    expect(lines[0]).toEqual({ event: 'bigram', prev: 'n', next: '<END>', count: 6763 });
    expect(lines[1]).toMatchObject({ vocabSize: 28, layout: 'split' });
  });

  test('--data names reads the cached download without the network', async () => {
    const cache = await tempDir();
    await readFile(namesPath).then((bytes) =>
      import('node:fs/promises').then((fs) => fs.writeFile(join(cache, 'names.txt'), bytes)),
    );
    const { code, stdout } = await runCli(['bigram', '--data', 'names', '--top', '1', '--json'], {
      env: { MAKEMORE_CACHE_DIR: cache },
    });
    expect(code).toBe(0);
    expect(jsonLines(stdout)[1]).toMatchObject({ source: 'names', items: 32033 });
  });
});

test('--heatmap writes an SVG with one labelled cell per bigram', async () => {
  const dir = await tempDir();
  const svgPath = join(dir, 'N.svg');
  const { code, stdout } = await runCli(['bigram', '--heatmap', svgPath]);
  expect(code).toBe(0);
  expect(stdout).toContain(`heatmap: ${svgPath}`);
  const svg = await readFile(svgPath, 'utf8');
  expect(svg.startsWith('<svg') || svg.startsWith('<?xml')).toBe(true);
  // first-names has 27 characters plus '.', so a 28 × 28 grid.
  expect(svg.match(/<rect /g)?.length).toBeGreaterThanOrEqual(28 * 28);
});

test('--heatmap into a folder that does not exist is a usage error', async () => {
  const { code, stderr } = await runCli(['bigram', '--heatmap', '/nonexistent-dir/N.svg']);
  expect(code).toBe(2);
  expect(stderr).toBe('error: The folder /nonexistent-dir does not exist; create it or write elsewhere.\n');
});
