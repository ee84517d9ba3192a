import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailability, launchChromium } from '../../../tests/support/chromium.mjs';
import { CLI_BIN } from '../scripts/cli-reference.mjs';
import { cliJson } from '../src/test-support/cli-json.js';
import { startSiteServer } from './site-server.js';

// End to end: the built site (apps/docs/.vitepress/dist, which `pnpm build` / `pnpm docs:build` writes)
// served on localhost and driven by headless Chromium.
const appDir = fileURLToPath(new URL('..', import.meta.url));
const distDir = join(appDir, '.vitepress/dist');
const screenshotDir = join(appDir, 'screenshots');
const availability = chromiumAvailability('The docs e2e test');

if (availability.skip) console.warn(`skipping the docs e2e test: ${availability.reason}`);

/** Every page of the built site, as a URL path: `guide/mlp.html` → `/guide/mlp`. */
function sitePages(): string[] {
  const pages: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'assets') walk(path);
      } else if (name.endsWith('.html') && name !== '404.html') {
        const url = `/${relative(distDir, path).replace(/\.html$/, '')}`;
        pages.push(url.replace(/(^|\/)index$/, '$1'));
      }
    }
  };
  walk(distDir);
  return pages.sort();
}

/** A screenshot of the whole page at once: a viewport as tall as the page keeps the fixed nav in place. */
async function screenshot(page: Page, name: string): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.min(height, 8000) });
  await page.screenshot({ path: join(screenshotDir, name) });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Collects what a page reports as broken: console errors, uncaught exceptions, failed requests. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()} (${msg.location().url})`);
  });
  page.on('pageerror', (error) => problems.push(`exception: ${error.message}`));
  page.on('requestfailed', (request) => {
    // Leaving a page cancels the prefetches it started; that is not a failure.
    if (request.failure()?.errorText !== 'net::ERR_ABORTED')
      problems.push(`request failed: ${request.url()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

/** What the playground shows after training the MLP. */
interface MlpRun {
  /** `gpu.js` or `cpu`. */
  kind: string | null;
  /** The gpu.js mode, empty on the CPU backend. */
  mode: string | null;
  /** The device line: label and reason. */
  deviceText: string;
  /** Mean loss of the first and of the last 20 steps, and the final validation loss. */
  first: number;
  last: number;
  val: number;
  steps: number;
  stepsPerSecond: number;
}

/**
 * Trains the playground's MLP on one device choice and reads what the page reports once the samples
 * are there.
 */
async function trainMlp(page: Page, device: string, steps: number, timeout: number): Promise<MlpRun> {
  await page.getByTestId('mlp-device').selectOption(device);
  await page.getByTestId('mlp-steps').fill(String(steps));
  await page.getByTestId('train-mlp').click();
  // Samples appear after the last step and the final evaluation; the button is enabled again after.
  await page.getByTestId('mlp-samples').locator('li').nth(19).waitFor({ timeout });
  await expect.poll(() => page.getByTestId('train-mlp').isEnabled(), { timeout }).toBe(true);
  const deviceLine = page.getByTestId('device');
  const progress = page.getByTestId('mlp-progress');
  const run: MlpRun = {
    kind: await deviceLine.getAttribute('data-kind'),
    mode: await deviceLine.getAttribute('data-mode'),
    deviceText: (await deviceLine.textContent()) ?? '',
    first: Number(await progress.getAttribute('data-first-loss')),
    last: Number(await progress.getAttribute('data-last-loss')),
    val: Number(await page.getByTestId('mlp-val').getAttribute('data-loss')),
    steps: Number(await progress.getAttribute('data-steps')),
    stepsPerSecond: Number(await progress.getAttribute('data-steps-per-second')),
  };
  console.info(
    `playground MLP on ${run.deviceText.trim()}: ${run.steps} steps, loss ${run.first.toFixed(3)} → ` +
      `${run.last.toFixed(3)}, val ${run.val.toFixed(3)}, ${run.stepsPerSecond.toFixed(1)} steps/s`,
  );
  return run;
}

/** What every 300-step playground run must show: the loss halved, its chart, the embedding, no error. */
async function expectLearned(page: Page, run: MlpRun): Promise<void> {
  expect(run.steps).toBe(300);
  expect(run.stepsPerSecond).toBeGreaterThan(0);
  expect(run.last).toBeLessThan(run.first * 0.5);
  expect(run.val).toBeLessThan(run.first);
  expect(await page.getByTestId('loss-chart').locator('polyline').count()).toBe(1);
  expect(await page.getByTestId('embedding').locator('circle').count()).toBe(28);
  expect(await page.getByTestId('mlp-error').count()).toBe(0);
}

describe.skipIf(availability.skip)('the built docs site in headless Chromium', () => {
  let browser: Browser;
  let context: BrowserContext;
  let server: { url: string; close: () => Promise<void> };

  beforeAll(async () => {
    if (!existsSync(join(distDir, 'index.html'))) {
      // `pnpm test` builds every package (this site included) before vitest; run alone, build here.
      execFileSync('pnpm', ['run', 'build'], { cwd: appDir, stdio: 'inherit' });
    }
    server = await startSiteServer(appDir);
    browser = await launchChromium();
    // VitePress's preview server compresses every response with brotli at its slowest setting, seconds
    // for the larger API pages on a small machine; gzip tests the same pages in a fraction of the time.
    context = await browser.newContext({
      extraHTTPHeaders: { 'accept-encoding': 'gzip' },
      viewport: { width: 1280, height: 900 },
      acceptDownloads: true,
    });
    mkdirSync(screenshotDir, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads every page without console errors, exceptions or failed requests', async () => {
    const pages = sitePages();
    expect(pages).toEqual(
      expect.arrayContaining([
        '/',
        '/playground',
        '/guide/mlp',
        '/reference/cli',
        '/api/',
        '/api/@makemore/bigram',
      ]),
    );
    const page = await context.newPage();
    const problems = watchProblems(page);
    const failures: string[] = [];
    for (const path of pages) {
      // A full load checks the static HTML and its hydration: Vue logs a mismatch as a console error
      // before it marks #app as mounted.
      const response = await page.goto(server.url + path, { waitUntil: 'commit' });
      if (response?.status() !== 200) problems.push(`status ${response?.status()}`);
      await page.waitForFunction(
        () => Object.hasOwn(document.querySelector('#app') ?? {}, '__vue_app__'),
        null,
        {
          polling: 20,
        },
      );
      const text = (await page.locator('.VPContent').textContent()) ?? '';
      if (text.trim().length < 20) problems.push('no content rendered');
      if (problems.length > 0) failures.push(`${path}: ${problems.join('; ')}`);
      problems.length = 0;
    }
    await page.close();
    expect(failures).toEqual([]);
  }, 120_000);

  it('renders the guide with its code from the tested examples', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/guide/counting-bigrams`, { waitUntil: 'load' });
    await expect
      .poll(() => page.locator('div.language-ts code').first().textContent())
      .toContain('BigramCounts');
    await screenshot(page, 'guide-counting-bigrams.png');
    // A model chapter: its TypeScript example and its CLI commands, both from tested files.
    await page.goto(`${server.url}/guide/wavenet`, { waitUntil: 'load' });
    await expect
      .poll(() => page.locator('div.language-ts code').first().textContent())
      .toContain('FlattenConsecutive');
    expect(await page.locator('div.language-sh code').first().textContent()).toContain(
      'makemore train --model wavenet',
    );
    await screenshot(page, 'guide-wavenet.png');
    await page.goto(`${server.url}/`, { waitUntil: 'load' });
    await page.screenshot({ path: join(screenshotDir, 'home.png') });
    await page.goto(`${server.url}/api/@makemore/bigram#bigrammodel`, { waitUntil: 'load' });
    await page.screenshot({ path: join(screenshotDir, 'api-bigram-model.png') });
    await page.close();
    expect(problems).toEqual([]);
  });

  it('trains the bigram in the playground, downloads a model the CLI reads, and samples from an upload', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/playground`, { waitUntil: 'load' });
    await page.getByTestId('train-bigram').click();
    await expect.poll(() => page.getByTestId('bigram-samples').locator('li').count()).toBe(20);
    expect(await page.getByTestId('bigram-nll').textContent()).toMatch(/2\.\d{4}/);
    expect(await page.getByTestId('heatmap').locator('svg rect').count()).toBe(28 * 28);
    expect(await page.getByTestId('data-summary').textContent()).toContain('8422 items');

    // The two downloads form a model directory that the makemore CLI samples from.
    const modelDir = mkdtempSync(join(tmpdir(), 'makemore-docs-e2e-'));
    try {
      for (const name of ['config.json', 'model.safetensors']) {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByTestId(`download-${name}`).click(),
        ]);
        expect(download.suggestedFilename()).toBe(name);
        await download.saveAs(join(modelDir, name));
      }
      const samples = cliJson<{ sample: string; status: string }>([
        'sample',
        '--model-dir',
        modelDir,
        '-n',
        '5',
      ]);
      expect(samples).toHaveLength(5);
      expect(samples.every((s) => /^[a-z-]*$/.test(s.sample) && s.status !== undefined)).toBe(true);

      // And the page reads the directory back.
      await page
        .getByTestId('upload')
        .setInputFiles([join(modelDir, 'config.json'), join(modelDir, 'model.safetensors')]);
      await expect.poll(() => page.getByTestId('uploaded-samples').locator('li').count()).toBe(20);
      expect(await page.getByTestId('uploaded-summary').textContent()).toContain('bigram model, 28 tokens');

      // A directory missing its weights gets a clear error, not a crash.
      await page.getByTestId('upload').setInputFiles([join(modelDir, 'config.json')]);
      await expect.poll(() => page.getByTestId('upload-error').textContent()).toMatch(/model\.safetensors/);
    } finally {
      rmSync(modelDir, { recursive: true, force: true });
    }
    await screenshot(page, 'playground-bigram.png');

    // Pasted lines instead of the built-in dataset.
    await page.getByTestId('data-lines').check();
    await page.getByTestId('pasted').fill('anna\nbob\nclara\ndora\nemil\nfrida\ngreta\nhanna\nida\njana\n');
    await page.getByTestId('train-bigram').click();
    await expect
      .poll(() => page.getByTestId('data-summary').textContent())
      .toContain('10 items: 8 train, 1 val, 1 test');
    await expect.poll(() => page.getByTestId('heatmap').locator('svg rect').count()).toBeLessThan(28 * 28);
    await page.close();
    expect(problems).toEqual([]);
  });

  it('trains the MLP in the playground on gpu.js (WebGL2 or WebGL), the loss going down, and samples', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/playground`, { waitUntil: 'load' });
    // Chromium renders WebGL with SwiftShader here: gpu.js runs, on the CPU, far slower than a GPU.
    const run = await trainMlp(page, 'webgl', 300, 150_000);
    expect(run.kind).toBe('gpu.js');
    expect(run.mode).toMatch(/^webgl2?$/);
    expect(run.deviceText).toMatch(
      /^\s*Device: gpu\.js webgl2? \(requested gpu\.js mode webgl2?: .*renderer/,
    );
    await expectLearned(page, run);
    await screenshot(page, 'playground-mlp-gpu.png');
    await page.close();
    expect(problems).toEqual([]);
  }, 180_000);

  it('trains the MLP in the playground on gpu.js WebGPU, the loss going down, and samples', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/playground`, { waitUntil: 'load' });
    // WebGPU here is SwiftShader's fallback adapter: software, as the page says.
    const run = await trainMlp(page, 'webgpu', 300, 150_000);
    expect(run.kind).toBe('gpu.js');
    expect(run.mode).toBe('webgpu');
    expect(run.deviceText).toMatch(
      /^\s*Device: gpu\.js webgpu \(requested gpu\.js mode webgpu: software adapter .*swiftshader.*, not a GPU\)/i,
    );
    await expectLearned(page, run);
    await screenshot(page, 'playground-mlp-webgpu.png');
    await page.close();
    expect(problems).toEqual([]);
  }, 180_000);

  it('trains the MLP in the playground forced to the cpu backend, the loss going down, and samples', async () => {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${server.url}/playground`, { waitUntil: 'load' });
    // auto takes gpu.js only on a hardware GPU, and says what it found either way.
    const auto = await trainMlp(page, 'auto', 20, 60_000);
    if (auto.kind === 'cpu')
      expect(auto.deviceText).toMatch(/CPU backend \(auto: no hardware GPU \(.+\); using the CPU backend\)/);
    else expect(auto.deviceText).toMatch(/gpu\.js webgl2? \(auto: webgl2?: hardware renderer .+\)/);

    const run = await trainMlp(page, 'cpu', 300, 90_000);
    expect(run.kind).toBe('cpu');
    expect(run.mode).toBe('');
    expect(run.deviceText).toMatch(/Device: CPU backend \(requested cpu\)/);
    await expectLearned(page, run);

    // Its model directory is one the CLI samples from, and the page reads it back.
    const modelDir = mkdtempSync(join(tmpdir(), 'makemore-docs-e2e-mlp-'));
    try {
      for (const name of ['config.json', 'model.safetensors']) {
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.getByTestId(`mlp-download-${name}`).click(),
        ]);
        await download.saveAs(join(modelDir, name));
      }
      const cli = execFileSync(
        process.execPath,
        [CLI_BIN, 'sample', '--model-dir', modelDir, '-n', '3', '--json'],
        {
          encoding: 'utf8',
        },
      );
      expect(cli.trim().split('\n')).toHaveLength(3);
      await page
        .getByTestId('upload')
        .setInputFiles([join(modelDir, 'config.json'), join(modelDir, 'model.safetensors')]);
      await expect.poll(() => page.getByTestId('uploaded-samples').locator('li').count()).toBe(20);
      expect(await page.getByTestId('uploaded-summary').textContent()).toContain('mlp model, 28 tokens');
    } finally {
      rmSync(modelDir, { recursive: true, force: true });
    }
    await screenshot(page, 'playground-mlp.png');
    await page.close();
    expect(problems).toEqual([]);
  }, 120_000);
});
