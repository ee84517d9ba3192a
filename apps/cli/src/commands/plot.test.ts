import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { argv } from '../test-support/argv.js';
import { runCli, tempDir } from '../test-support/run-cli.js';

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
