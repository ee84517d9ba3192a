import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DIAGNOSTICS_FILE, parseDiagnostics } from '@makemore/train';
import { describe, expect, test } from 'vitest';
import { argv } from '../test-support/argv.js';
import { jsonLines, runCli, tempDir } from '../test-support/run-cli.js';

const QUICK = ['--steps', '40', '--eval-every', '20', '--n-hidden', '16', '--samples', '0'];

describe('makemore train --diagnostics', () => {
  test('writes diagnostics.json beside the checkpoint and prints each record’s summary in JSON', async () => {
    const out = join(await tempDir(), 'mlp-bn');
    const { code, stdout, stderr } = await runCli(
      argv`train --model mlp-bn --out ${out} --json --diagnostics ${QUICK}`,
    );
    expect([code, stderr]).toEqual([0, '']);
    const file = parseDiagnostics(await readFile(join(out, DIAGNOSTICS_FILE)));
    expect(file.model).toBe('mlp-bn');
    expect(file.records.map((r) => r.step)).toEqual([20, 40]);
    const summaries = jsonLines(stdout).filter((e) => e.event === 'diagnostics');
    expect(summaries.map((e) => e.step)).toEqual([20, 40]);
    expect(summaries[0]).toMatchObject({ layers: [{ name: 'hpreact' }, { name: 'bn' }, { name: 'h' }] });
    // The summary leaves the histograms to the file.
    expect(JSON.stringify(summaries[0])).not.toContain('histogram');
  }, 120_000);

  test('prints a line of saturation and update ratios at each evaluation', async () => {
    const out = join(await tempDir(), 'mlp');
    const { code, stdout } = await runCli(
      argv`train --model mlp --out ${out} --quiet --diagnostics ${QUICK}`,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /diagnostics at step 20: h \d+\.\d% saturated \| log10 update\/data: C -?\d+\.\d\d, W1 -?\d+\.\d\d, W2 -?\d+\.\d\d\n/,
    );
  }, 120_000);

  test('writes no diagnostics.json without the flag', async () => {
    const out = join(await tempDir(), 'mlp');
    const { code } = await runCli(argv`train --model mlp --out ${out} --quiet ${QUICK}`);
    expect(code).toBe(0);
    expect(await readdir(out)).not.toContain(DIAGNOSTICS_FILE);
  }, 120_000);

  test('is refused for a count model', async () => {
    const out = join(await tempDir(), 'bigram');
    const { code, stderr } = await runCli(argv`train --model bigram --out ${out} --diagnostics`);
    expect(code).toBe(2);
    expect(stderr).toContain('--diagnostics does not apply to the bigram model; leave it out.');
  });
});
