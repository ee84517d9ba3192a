// Headless Chromium for the browser tests (packages/gpu, apps/docs e2e) and the gpu bench
// (apps/bench `bench:gpu --browser`): one flag list and one answer to "is Chromium here?". Plain
// JavaScript with its types in chromium.d.mts, because the bench runs compiled from its own dist
// and imports this file at run time; playwright-core and esbuild load only when a function needs them.
import { existsSync } from 'node:fs';

/**
 * Debian's `chromium` package (or `CHROMIUM_PATH`), which playwright-core drives; never
 * `playwright install`.
 */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Flags for headless Chromium in containers and CI: no sandbox, no GPU, no network of its own. */
export const CHROMIUM_ARGS = Object.freeze([
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]);

/**
 * Extra flags that turn on WebGPU in headless Chromium (on SwiftShader's Vulkan where there is no
 * GPU). WebGPU also needs a secure context: serve the page from https or localhost, not about:blank.
 */
export const CHROMIUM_WEBGPU_ARGS = Object.freeze(['--enable-unsafe-webgpu', '--enable-features=Vulkan']);

const missing = () =>
  `${CHROMIUM_PATH} is missing; install it with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`;

/**
 * Whether `suite` can run. Without Chromium it is skipped locally, with a message saying how to
 * install it; under CI (`CI=true`) it must run, so a missing browser throws (failing the suite)
 * instead of hiding.
 *
 * @param {string} suite - what needs Chromium, for the message (`The docs e2e test`)
 * @param {Record<string, string | undefined>} [env] - the environment (default `process.env`)
 * @param {(path: string) => boolean} [exists] - checks a path (for tests)
 * @returns {{ skip: boolean; reason: string }} skip, and why
 */
export function chromiumAvailability(suite, env = process.env, exists = existsSync) {
  if (exists(CHROMIUM_PATH)) return { skip: false, reason: '' };
  const reason = missing();
  if (env['CI'] === 'true') throw new Error(`${suite} needs Chromium under CI: ${reason}`);
  return { skip: true, reason };
}

/**
 * Launches headless Chromium with {@link CHROMIUM_ARGS} and WebGPU on, through playwright-core;
 * throws saying how to install it when it is missing.
 *
 * @returns {Promise<import('playwright-core').Browser>}
 */
export async function launchChromium() {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(missing());
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS, ...CHROMIUM_WEBGPU_ARGS],
  });
}

/**
 * The script `entry` bundled by esbuild for the browser, as one classic script (an IIFE) that a page
 * or a worker can run.
 *
 * @param {string} entry - path of the script's entry module
 * @returns {Promise<string>} the bundled script
 */
export async function bundleForBrowser(entry) {
  const { build } = await import('esbuild');
  const bundle = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
  });
  return bundle.outputFiles[0].text;
}

/**
 * Opens a page of `browser` at `url`, an https address that playwright answers itself (nothing goes
 * to the network, and WebGPU gets the secure context it needs), and runs in it the script `entry`
 * bundled by esbuild for the browser.
 *
 * @param {import('playwright-core').Browser} browser
 * @param {string} entry - path of the script's entry module
 * @param {string} url - the page's address
 * @returns {Promise<import('playwright-core').Page>}
 */
export async function openBundledPage(browser, entry, url) {
  const script = await bundleForBrowser(entry);
  const page = await browser.newPage();
  await page.route(url, (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><title>${new URL(url).hostname}</title>`,
    }),
  );
  await page.goto(url);
  await page.addScriptTag({ content: script });
  return page;
}
