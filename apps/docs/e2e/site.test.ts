import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailability } from '../../../tests/support/chromium.mjs';
import {
  distDir,
  type OpenSite,
  openSite,
  screenshot,
  screenshotDir,
  watchProblems,
} from './support/browser.js';

// End to end: the built site (apps/docs/.vitepress/dist, which `pnpm build` / `pnpm docs:build` writes)
// served on localhost and driven by headless Chromium.
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

describe.skipIf(availability.skip)('the built docs site in headless Chromium', () => {
  let site: OpenSite;
  let context: BrowserContext;
  let server: { url: string };

  beforeAll(async () => {
    site = await openSite();
    ({ context } = site);
    server = { url: site.url };
  });

  afterAll(() => site?.close());

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
});
