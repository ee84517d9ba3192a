import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../../../tests/support/chromium.mjs';
import { startSiteServer } from '../../scripts/site-server.mjs';

/** apps/docs, the VitePress project. */
export const appDir = fileURLToPath(new URL('../..', import.meta.url));
/** The built site, which `pnpm build` writes. */
export const distDir = join(appDir, '.vitepress/dist');
/** Where the e2e tests save their screenshots. */
export const screenshotDir = join(appDir, 'screenshots');

/**
 * A screenshot of the whole page at once: a viewport as tall as the page keeps the fixed nav in place.
 *
 * @param page - the page
 * @param name - the PNG's file name in {@link screenshotDir}
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 1280, height: Math.min(height, 8000) });
  await page.screenshot({ path: join(screenshotDir, name) });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/**
 * Collects what a page reports as broken: console errors, uncaught exceptions, failed requests.
 *
 * @param page - the page to watch from now on
 * @returns the problems, as they are reported (the array grows)
 */
export function watchProblems(page: Page): string[] {
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

/** The built site served on localhost, and a headless Chromium context to browse it. */
export interface OpenSite {
  url: string;
  context: BrowserContext;
  /** Closes the browser and stops the server. */
  close(): Promise<void>;
}

/**
 * Serves the built site (building it first when run alone) and opens a Chromium context on it.
 *
 * @returns the site's URL, the context and a function that closes both
 */
export async function openSite(): Promise<OpenSite> {
  if (!existsSync(join(distDir, 'index.html'))) {
    // `pnpm test` builds every package (this site included) before vitest; run alone, build here.
    execFileSync('pnpm', ['run', 'build'], { cwd: appDir, stdio: 'inherit' });
  }
  const server = await startSiteServer(appDir);
  const browser = await launchChromium();
  // VitePress's preview server compresses every response with brotli at its slowest setting, seconds
  // for the larger API pages on a small machine; gzip tests the same pages in a fraction of the time
  // (and the playground's first-load figure is measured in gzip).
  const context = await browser.newContext({
    extraHTTPHeaders: { 'accept-encoding': 'gzip' },
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  mkdirSync(screenshotDir, { recursive: true });
  return {
    url: server.url,
    context,
    close: async () => {
      await browser.close();
      await server.close();
    },
  };
}
