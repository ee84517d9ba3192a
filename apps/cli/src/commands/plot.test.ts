import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { legendLabels, markPaths, svgElements } from '../../../../tests/support/svg-document.js';
import { argv } from '../test-support/argv.js';
import { jsonLines, runCli, tempDir } from '../test-support/run-cli.js';

test('plot writes the loss curve and the labelled scatter of 2-D embeddings', async () => {
  const dir = await tempDir();
  const model = join(dir, 'mlp');
  const trained = await runCli(
    argv`train --model mlp --n-embd 2 --n-hidden 16 --steps 300 --eval-every 100 --out ${model} --samples 0`,
  );
  expect(trained.code).toBe(0);
  const plots = join(dir, 'plots');
  const { code, stdout } = await runCli(['plot', '--model-dir', model, '--out', plots]);
  expect(code).toBe(0);
  expect(stdout).toBe(`wrote ${join(plots, 'loss.svg')}\nwrote ${join(plots, 'embedding.svg')}\n`);
  const loss = await readFile(join(plots, 'loss.svg'), 'utf8');
  expect(loss).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(loss).toContain('mlp: loss over 300 steps');
  // Batch losses (logged every 100 steps), then train and val at the 3 evaluations.
  const lines = [...loss.matchAll(/<polyline points="([^"]*)"/g)].map((m) => m[1]!.split(' ').length);
  expect(lines).toEqual([3, 3, 3]);
  const scatter = await readFile(join(plots, 'embedding.svg'), 'utf8');
  // One labelled point per token of first-names: '.', '-' and a to z.
  expect(scatter.match(/<circle /g)).toHaveLength(28);
  for (const label of ['.', '-', 'a', 'q', 'z']) expect(scatter).toContain(`fill="white">${label}</text>`);
});

test('without 2-D embeddings only the loss curve is written, with a note', async () => {
  const dir = await tempDir();
  const model = join(dir, 'mlp');
  await runCli(argv`train --model mlp --n-hidden 16 --steps 100 --eval-every 50 --out ${model} --samples 0`);
  const { code, stderr } = await runCli(['plot', '--model-dir', model, '--out', join(dir, 'plots')]);
  expect(code).toBe(0);
  expect(stderr).toBe(
    'note: the character embeddings are not 2-D; train with --n-embd 2 to get the scatter.\n',
  );
  expect(await readdir(join(dir, 'plots'))).toEqual(['loss.svg']);
});

test('for the count bigram plot draws the count table', async () => {
  const dir = await tempDir();
  await runCli(['train', '--out', join(dir, 'bigram'), '--samples', '0']);
  const { code } = await runCli(['plot', '--model-dir', join(dir, 'bigram'), '--out', join(dir, 'plots')]);
  expect(code).toBe(0);
  expect(await readFile(join(dir, 'plots', 'bigram-counts.svg'), 'utf8')).toContain('<svg');
});

test('a neural model directory without its training state cannot be plotted', async () => {
  const dir = await tempDir();
  const model = join(dir, 'mlp');
  await runCli(argv`train --model mlp --n-hidden 16 --steps 50 --eval-every 50 --out ${model} --samples 0`);
  await rm(join(model, 'training-state.json'));
  const { code, stderr } = await runCli(['plot', '--model-dir', model, '--out', join(dir, 'plots')]);
  expect(code).toBe(2);
  expect(stderr).toBe(`error: ${model} has no training-state.json, so there is no loss history to plot.\n`);
});

/** A tiny WaveNet (three tanh layers) trained 100 steps with diagnostics recorded at steps 50 and 100. */
async function trainedWithDiagnostics(): Promise<{ dir: string; model: string }> {
  const dir = await tempDir();
  const model = join(dir, 'wavenet');
  const trained = await runCli(
    argv`train --model wavenet --n-embd 4 --n-hidden 8 --steps 100 --eval-every 50 --diagnostics --out ${model} --samples 0 --quiet`,
  );
  expect(trained.code).toBe(0);
  return { dir, model };
}

test('after train --diagnostics plot also draws the histograms, the saturation map and the update ratios', async () => {
  const { dir, model } = await trainedWithDiagnostics();
  const plots = join(dir, 'plots');
  const { code, stdout } = await runCli(['plot', '--model-dir', model, '--out', plots, '--json']);
  expect(code).toBe(0);
  const names = ['activation-histograms', 'gradient-histograms', 'saturation-map', 'update-ratio'];
  expect(jsonLines(stdout).filter((line) => line['event'] === 'wrote')).toEqual(
    ['loss', ...names].map((name) => ({ event: 'wrote', path: join(plots, `${name}.svg`) })),
  );
  const svgs = Object.fromEntries(
    await Promise.all(names.map(async (name) => [name, await readFile(join(plots, `${name}.svg`), 'utf8')])),
  );
  for (const name of names) expect(svgElements(svgs[name]!)[0], name).toBe('svg');
  // One line per tanh layer (the WaveNet has three), at the last recorded step.
  for (const name of ['activation-histograms', 'gradient-histograms']) {
    expect(markPaths(svgs[name]!, 'marks'), name).toHaveLength(3);
    expect(legendLabels(svgs[name]!).map((label) => label.split(':')[0])).toEqual([
      'net.4 (tanh)',
      'net.8 (tanh)',
      'net.12 (tanh)',
    ]);
  }
  expect(svgs['activation-histograms']).toContain('wavenet: activations per layer at step 100');
  expect(legendLabels(svgs['activation-histograms']!)[0]).toMatch(
    /mean [+-]\d\.\d\d, std \d\.\d\d, saturated \d+\.\d%$/,
  );
  // The last tanh's output is 2-D (examples × units): the first with a map.
  expect(svgs['saturation-map']).toContain('net.12: white where |tanh| &gt; 0.97');
  // One line per 2-D weight, and the guide: a horizontal line.
  expect(legendLabels(svgs['update-ratio']!)).toEqual([
    'net.0.weight [28×4]',
    'net.2.weight [8×8]',
    'net.6.weight [16×8]',
    'net.10.weight [16×8]',
    'net.13.weight [8×28]',
  ]);
  expect(markPaths(svgs['update-ratio']!, 'layer_0_marks')).toHaveLength(5);
  const [guide] = markPaths(svgs['update-ratio']!, 'layer_1_marks');
  const [, y1, y2] = guide!.match(/^M[\d.]+,([\d.]+)L[\d.]+,([\d.]+)$/)!;
  expect(y1).toBe(y2);
});

test('--step draws the histograms at a recorded step and names the recorded steps for another', async () => {
  const { dir, model } = await trainedWithDiagnostics();
  const plots = join(dir, 'plots');
  const chosen = await runCli(['plot', '--model-dir', model, '--out', plots, '--step', '50']);
  expect(chosen.code).toBe(0);
  expect(await readFile(join(plots, 'activation-histograms.svg'), 'utf8')).toContain('at step 50<');
  const missing = await runCli(['plot', '--model-dir', model, '--out', join(dir, 'other'), '--step', '70']);
  expect(missing.code).toBe(2);
  expect(missing.stderr).toBe(
    'error: diagnostics.json has no record at step 70; the recorded steps are 50, 100.\n',
  );
  // Nothing is written when the command fails.
  await expect(readdir(join(dir, 'other'))).rejects.toThrow();
});

test('a damaged diagnostics.json is named, and --step needs one', async () => {
  const { dir, model } = await trainedWithDiagnostics();
  await writeFile(
    join(model, 'diagnostics.json'),
    '{"format": "makemore-ts/diagnostics", "formatVersion": 1}',
  );
  const damaged = await runCli(['plot', '--model-dir', model, '--out', join(dir, 'plots')]);
  expect(damaged.code).toBe(1);
  expect(damaged.stderr).toBe(
    'error: diagnostics.json is invalid at model (missing; expected a non-empty string); train again with diagnostics to rewrite it.\n',
  );
  await rm(join(model, 'diagnostics.json'));
  const noFile = await runCli(['plot', '--model-dir', model, '--out', join(dir, 'plots'), '--step', '50']);
  expect(noFile.code).toBe(2);
  expect(noFile.stderr).toBe(
    `error: ${model} has no diagnostics.json for --step to choose from; train with --diagnostics to record one.\n`,
  );
});
