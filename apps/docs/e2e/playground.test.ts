import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailability } from '../../../tests/support/chromium.mjs';
import { CliModels } from '../src/playground/model-io/test-support/cli-model-dirs.js';
import { playgroundModels, playgroundRecipe } from '../src/playground/training/playground-recipes.js';
import { cliJson } from '../src/test-support/cli-json.js';
import { type OpenSite, openSite, screenshot, watchProblems } from './support/browser.js';
import { findLearningRate, histogramChart } from './support/diagnostics-page.js';
import {
  dropFiles,
  expectModelLoaded,
  sampleTwenty,
  sampleWords,
  setRecipe,
  trainAndWait,
  typeAndSeeScore,
} from './support/playground-page.js';

// End to end: the playground of the built site, served on localhost and driven by headless Chromium.
// Training runs in the page's Web Worker; the test types into the page meanwhile to show it responds.
const availability = chromiumAvailability('The playground e2e test');
if (availability.skip) console.warn(`skipping the playground e2e test: ${availability.reason}`);

const FIRST_LOAD_BUDGET = 300 * 1024;
/**
 * The validation loss the default MLP run must beat: clearly below the count bigram's 2.45 of lecture
 * 1, where samples turn name-like. The seed fixes the run: 20,000 steps, the rate dropping from 0.1 to
 * 0.01 halfway as in the lecture, reached 2.295 here (2.436 without the drop).
 */
const DEFAULT_MLP_VAL_BAR = 2.35;
/** Of the 20 samples of the default MLP's last evaluation, how many must be words of 2+ letters. */
const NAME_LIKE_SAMPLES = 15;

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

  it('trains the default MLP, nothing picked, to name-like samples', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/playground`, { waitUntil: 'load' });
    // What a learner starts from: the MLP, its playground recipe, the device `auto`.
    expect(await page.getByTestId('model').inputValue()).toBe('mlp');
    expect(await page.getByTestId('device-choice').inputValue()).toBe('auto');
    const { steps } = playgroundRecipe('mlp');
    expect(Number(await page.getByTestId('recipe-steps').inputValue())).toBe(steps);
    const started = performance.now();
    const run = await trainAndWait(page, 180_000);
    const wallSeconds = (performance.now() - started) / 1_000;
    // `auto` keeps the CPU backend on a software renderer (SwiftShader here).
    const device = page.getByTestId('device');
    expect(await device.getAttribute('data-kind')).toBe('cpu');
    expect(run.steps).toBe(steps);
    expect(run.val).toBeLessThan(DEFAULT_MLP_VAL_BAR);
    const samples = await sampleWords(page, 'eval-samples');
    expect(samples).toHaveLength(20);
    const nameLike = samples.filter((s) => /^[a-z]{2,}$/.test(s));
    expect(nameLike.length, samples.join(' ')).toBeGreaterThanOrEqual(NAME_LIKE_SAMPLES);
    expect(await page.getByTestId('lecture-loss').textContent()).toContain('2.17');
    const stepsPerSecond = Number(await page.getByTestId('progress').getAttribute('data-steps-per-second'));
    console.info(
      `playground default MLP run: ${steps} steps in ${wallSeconds.toFixed(1)} s from Train to done, ` +
        `${stepsPerSecond.toFixed(0)} steps/s on ${(await device.textContent())?.replace(/\s+/g, ' ').trim()}; ` +
        `train ${run.train.toFixed(3)}, val ${run.val.toFixed(3)}; samples: ${samples.join(' ')}`,
    );
    await screenshot(page, 'playground-default-mlp.png');
    await page.close();
    expect(problems).toEqual([]);
  }, 240_000);

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
      await expectModelLoaded(page, model);
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
      await expectModelLoaded(page, model);
      expect(await sampleTwenty(page)).toHaveLength(20);
    }
    // A directory missing its weights gets a clear error, not a crash.
    await page.getByTestId('load-files').setInputFiles([join(cliModels.root, 'gru', 'config.json')]);
    await expect.poll(() => page.getByTestId('load-error').textContent()).toMatch(/model\.safetensors/);
    await screenshot(page, 'playground-load.png');
    await page.close();
    expect(problems).toEqual([]);
  }, 120_000);

  it('loads the CLI-trained models from a chosen folder and from dropped files and .zips, and samples them', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/playground`, { waitUntil: 'load' });
    // Each load alternates the model, so that the summary changing shows this load took.
    const models = ['gru', 'transformer'] as const;
    const modelFiles = (model: string) =>
      ['config.json', 'model.safetensors'].map((name) => ({
        name,
        bytes: new Uint8Array(readFileSync(join(cliModels.root, model, name))),
      }));
    const loads: { how: string; load: (model: string) => Promise<void> }[] = [
      {
        how: 'the folder input',
        // `webkitdirectory`: Playwright gives the input the folder's files, with their relative paths.
        load: (model) => page.getByTestId('load-folder').setInputFiles(join(cliModels.root, model)),
      },
      { how: 'dropped files', load: (model) => dropFiles(page, 'drop-zone', modelFiles(model)) },
      {
        how: 'a dropped .zip',
        load: (model) =>
          dropFiles(page, 'drop-zone', [
            {
              name: `${model}.zip`,
              bytes: zipSync({
                [model]: Object.fromEntries(modelFiles(model).map((f) => [f.name, f.bytes])),
              }),
            },
          ]),
      },
    ];
    for (const { how, load } of loads) {
      for (const model of models) {
        await load(model);
        await expectModelLoaded(page, model);
        const samples = await sampleTwenty(page);
        expect(samples, `${model} from ${how}`).toHaveLength(20);
      }
    }
    await page.close();
    expect(problems).toEqual([]);
  }, 120_000);

  it('finds a learning rate for the MLP and draws the diagnostics of its run', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/playground?model=mlp`, { waitUntil: 'load' });
    // Part 2's sweep in the worker: a curve, a suggested rate, and "Use this rate" fills the recipe.
    const sweep = await findLearningRate(page, 300, 120_000);
    expect(sweep.points).toBeGreaterThan(50);
    expect(sweep.suggestion).toBeGreaterThan(1e-3);
    expect(sweep.suggestion).toBeLessThan(1);
    expect(await page.getByTestId('lr-find-chart').locator('svg').count()).toBe(1);
    expect(await page.getByTestId('lr-find-chart').textContent()).toContain('suggested');
    await page.getByTestId('lr-find-use').click();
    expect(Number(await page.getByTestId('recipe-lr').inputValue())).toBe(sweep.suggestion);

    // Part 3's diagnostics, on by default: a record at each of the 3 evaluations, drawn live.
    expect(await page.getByTestId('recipe-diagnostics').isChecked()).toBe(true);
    await setRecipe(page, 600, 200);
    const run = await trainAndWait(page, 120_000);
    expect(run.steps).toBe(600);
    const panel = page.getByTestId('diagnostics-panel');
    expect(await panel.getAttribute('data-records')).toBe('3');
    await expect.poll(() => panel.getAttribute('data-step'), { timeout: 30_000 }).toBe('600');
    for (const testid of ['diagnostics-activations', 'diagnostics-gradients']) {
      const chart = await histogramChart(page, testid);
      // The MLP's tanh layer `h`: one line per layer, its legend the lecture's mean, std (and saturation).
      expect(chart.series, testid).toBe(1);
      expect(chart.legend, testid).toHaveLength(chart.series);
      expect(chart.legend[0], testid).toMatch(/^h \(tanh\): mean/);
    }
    expect(await page.getByTestId('diagnostics-saturation-map').locator('svg').count()).toBe(1);
    const saturated = Number(
      await page.getByTestId('diagnostics-saturation').first().getAttribute('data-saturated'),
    );
    expect(saturated).toBeGreaterThanOrEqual(0);
    expect(saturated).toBeLessThanOrEqual(1);
    expect(await page.getByTestId('diagnostics-updates').textContent()).toContain('W1');
    // An earlier evaluation's pictures.
    await page.getByTestId('diagnostics-step').selectOption({ label: '200' });
    await expect.poll(() => panel.getAttribute('data-step')).toBe('200');
    await page.getByTestId('diagnostics-step').selectOption({ label: 'latest' });
    await expect.poll(() => panel.getAttribute('data-step')).toBe('600');
    console.info(
      `playground lr-find: ${sweep.points} points, suggested ${sweep.suggestion} (${sweep.stopped}); ` +
        `diagnostics of 600 steps: h ${(saturated * 100).toFixed(1)}% saturated`,
    );
    await screenshot(page, 'playground-diagnostics.png');
    await page.close();
    expect(problems).toEqual([]);
  }, 300_000);

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
