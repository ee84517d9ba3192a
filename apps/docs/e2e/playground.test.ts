import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailability } from '../../../tests/support/chromium.mjs';
import { CliModels } from '../src/playground/model-io/test-support/cli-model-dirs.js';
import { playgroundModels } from '../src/playground/training/playground-recipes.js';
import { cliJson } from '../src/test-support/cli-json.js';
import { type OpenSite, openSite, screenshot, watchProblems } from './support/browser.js';

// End to end: the playground of the built site, served on localhost and driven by headless Chromium.
// Training runs in the page's Web Worker; the test types into the page meanwhile to show it responds.
const availability = chromiumAvailability('The playground e2e test');
if (availability.skip) console.warn(`skipping the playground e2e test: ${availability.reason}`);

const FIRST_LOAD_BUDGET = 300 * 1024;
/** How soon a keystroke's effect must show while a model trains in the worker. */
const RESPONSIVE_MS = 2_000;

/** Sets the recipe of a neural model: a few steps, evaluated every `evalEvery`. */
async function setRecipe(page: Page, steps: number, evalEvery: number): Promise<void> {
  await page.getByTestId('recipe-steps').fill(String(steps));
  await page.getByTestId('recipe-eval-every').fill(String(evalEvery));
}

/** Clicks Train and waits for the run's final line (its last step, or Stop). */
async function trainAndWait(
  page: Page,
  timeout: number,
): Promise<{ train: number; val: number; steps: number }> {
  await page.getByTestId('train').click();
  await expect
    .poll(() => page.getByTestId('train-state').getAttribute('data-state'), { timeout })
    .toBe('idle');
  expect(
    await page.getByTestId('train-error').count(),
    (await page.getByTestId('train-error').count()) > 0
      ? ((await page.getByTestId('train-error').textContent()) ?? '')
      : '',
  ).toBe(0);
  const final = page.getByTestId('final');
  await final.waitFor({ timeout });
  return {
    train: Number(await final.getAttribute('data-train')),
    val: Number(await final.getAttribute('data-val')),
    steps: Number(await final.getAttribute('data-steps')),
  };
}

/** Types a word into the score box and measures how long its score row takes to show. */
async function typeAndSeeScore(page: Page, word: string): Promise<number> {
  const started = Date.now();
  await page.getByTestId('score-input').fill(word);
  await page
    .locator(`[data-testid="score-row"][data-item="${word}"]`)
    .waitFor({ timeout: RESPONSIVE_MS * 5 });
  expect(await page.getByTestId('score-input').inputValue()).toBe(word);
  return Date.now() - started;
}

/** The samples of the Sample button, after loading or training a model. */
async function sampleTwenty(page: Page): Promise<string[]> {
  await page.getByTestId('sample-count').fill('20');
  await page.getByTestId('sample').click();
  await expect.poll(() => page.getByTestId('samples').locator('li').count()).toBe(20);
  return page.getByTestId('samples').locator('li').allTextContents();
}

describe.skipIf(availability.skip)('the playground in headless Chromium', () => {
  let site: OpenSite;
  let context: BrowserContext;
  let server: { url: string };
  // Models the CLI trained (a few steps on a dozen names), for the page to load.
  const cliModels = new CliModels();

  beforeAll(async () => {
    cliModels.train('gru');
    cliModels.train('transformer');
    site = await openSite();
    ({ context } = site);
    server = { url: site.url };
  }, 300_000);

  afterAll(async () => {
    await site?.close();
    cliModels.remove();
  });

  it('loads under 300 kB of gzipped JavaScript, without gpu.js, and preselects ?model=', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    const scripts = new Map<string, number>();
    page.on('requestfinished', async (request) => {
      if (request.resourceType() !== 'script') return;
      const sizes = await request.sizes();
      scripts.set(request.url(), sizes.responseBodySize);
    });
    await page.goto(`${server.url}/playground?model=wavenet`, { waitUntil: 'networkidle' });
    await expect.poll(() => page.getByTestId('model').inputValue()).toBe('wavenet');
    const total = [...scripts.values()].reduce((a, b) => a + b, 0);
    console.info(
      `playground first load: ${(total / 1024).toFixed(1)} kB of gzipped JavaScript in ${scripts.size} files`,
    );
    expect(total).toBeLessThan(FIRST_LOAD_BUDGET);
    expect([...scripts.keys()].filter((url) => /gpu-browser|gpu\.js/i.test(url))).toEqual([]);
    expect(await page.getByTestId('hyperparameters').locator('[data-testid^="hp-"]').count()).toBeGreaterThan(
      0,
    );
    expect(await page.getByTestId('isolation').textContent()).toMatch(/cross-origin isolated/);

    await page.goto(`${server.url}/playground?model=gpt5`, { waitUntil: 'load' });
    await expect.poll(() => page.getByTestId('model-note').textContent()).toContain("'gpt5'");
    expect(await page.getByTestId('model').inputValue()).toBe('mlp');
    await page.close();
    expect(problems).toEqual([]);
  });

  it('trains every listed model in the worker while the page responds to typing', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/playground`, { waitUntil: 'load' });
    const models = playgroundModels();
    const timings: string[] = [];
    for (const [index, { name, counted }] of models.entries()) {
      await page.getByTestId('model').selectOption(name);
      if (!counted) {
        await page.getByTestId('device-choice').selectOption('cpu');
        await setRecipe(page, 6, 3);
      }
      await page.getByTestId('train').click();
      // From the second model on, a model is loaded: type into the score box while this one trains.
      if (index > 0)
        timings.push(`${name}: ${await typeAndSeeScore(page, `${name.replace(/[^a-z]/g, '')}x`)} ms`);
      await expect
        .poll(() => page.getByTestId('train-state').getAttribute('data-state'), { timeout: 60_000 })
        .toBe('idle');
      const error = page.getByTestId('train-error');
      expect(await error.count(), (await error.count()) > 0 ? ((await error.textContent()) ?? '') : '').toBe(
        0,
      );
      await expect.poll(() => page.getByTestId('model-summary').textContent()).toContain(`${name} model`);
      if (name === 'bigram') {
        expect(await page.getByTestId('data-summary').textContent()).toContain('8422 items');
        expect(await page.getByTestId('heatmap').locator('svg rect').count()).toBe(28 * 28);
        await screenshot(page, 'playground-bigram.png');
      }
    }
    console.info(`typing answered while training: ${timings.join(', ')}`);
    await page.close();
    expect(problems).toEqual([]);
  }, 240_000);

  it('pauses and resumes the MLP, stops it keeping a usable model, and the CLI samples its download', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/playground?model=mlp`, { waitUntil: 'load' });
    await page.getByTestId('device-choice').selectOption('cpu');
    await setRecipe(page, 1500, 500);
    await page.getByTestId('train').click();
    await expect
      .poll(async () => Number(await page.getByTestId('progress').getAttribute('data-step')), {
        timeout: 30_000,
      })
      .toBeGreaterThan(0);
    await page.getByTestId('pause').click();
    await expect.poll(() => page.getByTestId('train-state').getAttribute('data-state')).toBe('paused');
    const pausedAt = await page.getByTestId('progress').getAttribute('data-step');
    await page.waitForTimeout(1_000);
    expect(await page.getByTestId('progress').getAttribute('data-step')).toBe(pausedAt);
    await page.getByTestId('resume').click();
    await expect
      .poll(() => page.getByTestId('train-state').getAttribute('data-state'), { timeout: 60_000 })
      .toBe('idle');
    const final = page.getByTestId('final');
    expect(await final.getAttribute('data-steps')).toBe('1500');
    expect(await final.getAttribute('data-stopped')).toBe('false');
    expect(await page.getByTestId('loss-chart').locator('[data-series]').count()).toBe(3);
    expect(await page.getByTestId('lecture-loss').textContent()).toContain('2.17');
    expect(await page.getByTestId('eval-samples').locator('li').count()).toBe(20);
    await screenshot(page, 'playground-train.png');

    // Stop keeps the weights so far: they become the page's model, which samples.
    await setRecipe(page, 100_000, 50_000);
    await page.getByTestId('train').click();
    await expect
      .poll(async () => Number(await page.getByTestId('progress').getAttribute('data-step')), {
        timeout: 30_000,
      })
      .toBeGreaterThan(50);
    await page.getByTestId('stop').click();
    await expect
      .poll(() => page.getByTestId('final').getAttribute('data-stopped'), { timeout: 30_000 })
      .toBe('true');
    expect(Number(await page.getByTestId('final').getAttribute('data-steps'))).toBeLessThan(100_000);
    expect((await sampleTwenty(page)).length).toBe(20);

    // The next-character chart of `em`: one bar per token, the probabilities summing to 1.
    await page.getByTestId('next-char-prefix').fill('em');
    const bars = page.getByTestId('next-char-bar');
    await expect.poll(() => bars.count()).toBe(28);
    const probabilities = (
      await bars.evaluateAll((els) => els.map((e) => e.getAttribute('data-probability')))
    ).map(Number);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
    await screenshot(page, 'playground-sample.png');

    // The downloads, file by file and as a .zip, are model directories the CLI samples from.
    const dir = mkdtempSync(join(tmpdir(), 'makemore-playground-download-'));
    try {
      for (const name of ['config.json', 'model.safetensors', 'training-state.json']) {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByTestId(`download-${name}`).click(),
        ]);
        expect(download.suggestedFilename()).toBe(name);
        await download.saveAs(join(dir, 'files', name));
      }
      const [zip] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('download-zip').click(),
      ]);
      await zip.saveAs(join(dir, 'model.zip'));
      for (const [path, bytes] of Object.entries(unzipSync(readFileSync(join(dir, 'model.zip'))))) {
        if (path.endsWith('/')) continue;
        mkdirSync(join(dir, 'unzipped', path, '..'), { recursive: true });
        writeFileSync(join(dir, 'unzipped', path), bytes);
      }
      const unzippedDir = join(dir, 'unzipped', 'makemore-mlp');
      for (const modelDir of [join(dir, 'files'), unzippedDir]) {
        const samples = cliJson<{ sample: string; status: string }>([
          'sample',
          '--model-dir',
          modelDir,
          '-n',
          '5',
        ]);
        expect(samples).toHaveLength(5);
        expect(samples.every((s) => /^[a-z-]*$/.test(s.sample) && s.status !== undefined)).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await page.close();
    expect(problems).toEqual([]);
  }, 180_000);

  it('loads the CLI-trained gru and transformer by file input and by .zip, and samples them', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/playground`, { waitUntil: 'load' });
    for (const model of ['gru', 'transformer']) {
      const dir = join(cliModels.root, model);
      await page
        .getByTestId('load-files')
        .setInputFiles([join(dir, 'config.json'), join(dir, 'model.safetensors')]);
      await expect.poll(() => page.getByTestId('model-summary').textContent()).toContain(`${model} model`);
      expect(await sampleTwenty(page)).toHaveLength(20);

      const zipPath = join(cliModels.root, `${model}.zip`);
      const zipped = zipSync({
        [model]: {
          'config.json': readFileSync(join(dir, 'config.json')),
          'model.safetensors': readFileSync(join(dir, 'model.safetensors')),
        },
      });
      writeFileSync(zipPath, zipped);
      await page.getByTestId('load-files').setInputFiles([zipPath]);
      await expect.poll(() => page.getByTestId('model-summary').textContent()).toContain(`${model} model`);
      expect(await sampleTwenty(page)).toHaveLength(20);
    }
    // A directory missing its weights gets a clear error, not a crash.
    await page.getByTestId('load-files').setInputFiles([join(cliModels.root, 'gru', 'config.json')]);
    await expect.poll(() => page.getByTestId('load-error').textContent()).toMatch(/model\.safetensors/);
    await screenshot(page, 'playground-load.png');
    await page.close();
    expect(problems).toEqual([]);
  }, 120_000);

  for (const device of ['webgl', 'webgpu'] as const) {
    it(`trains the MLP on gpu.js ${device} in the worker, the loss going down`, async () => {
      const page = await context.newPage();
      const problems = watchProblems(page);
      await page.goto(`${server.url}/playground?model=mlp`, { waitUntil: 'load' });
      await page.getByTestId('device-choice').selectOption(device);
      await setRecipe(page, 300, 100);
      const run = await trainAndWait(page, 150_000);
      const deviceLine = page.getByTestId('device');
      expect(await deviceLine.getAttribute('data-kind')).toBe('gpu.js');
      expect(await deviceLine.getAttribute('data-mode')).toMatch(
        device === 'webgl' ? /^webgl2?$/ : /^webgpu$/,
      );
      expect(run.steps).toBe(300);
      // As the lecture's MLP does: 300 steps halve the mini-batch loss, and the val loss is below the start.
      const progress = page.getByTestId('progress');
      const first = Number(await progress.getAttribute('data-first-loss'));
      const last = Number(await progress.getAttribute('data-last-loss'));
      expect(last).toBeLessThan(first * 0.5);
      expect(run.val).toBeLessThan(first);
      console.info(
        `playground MLP on ${(await deviceLine.textContent())?.trim()}: loss ${first.toFixed(3)} → ${last.toFixed(3)}, val ${run.val.toFixed(3)}`,
      );
      await screenshot(page, `playground-mlp-${device}.png`);
      await page.close();
      expect(problems).toEqual([]);
    }, 180_000);
  }
});
