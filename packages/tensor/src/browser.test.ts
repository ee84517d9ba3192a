import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { bundleForBrowser, chromiumAvailability, launchChromium } from '../../../tests/support/chromium.mjs';
import { browserThreadSupport, createBrowserThreadPool } from './browser.js';
import type {
  BenchResult,
  CheckName,
  ParityResult,
  RefusalResult,
} from './test-support/browser-threads-entry.js';

// The browser thread pool in headless Chromium (apt `chromium`, driven by playwright-core): pages
// that playwright serves itself (nothing goes to the network), one with the two headers that make
// it cross-origin isolated and one without, each loading test-support/browser-threads-entry.ts
// (bundled by esbuild) as its script and as its workers' script. Without Chromium the suite is
// skipped and says so; under CI (`CI=true`) a missing Chromium fails it instead.
const availability = chromiumAvailability('The browser thread pool test');
const ORIGIN = 'https://threads.makemore.test';
const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};
const HEADERS_HINT =
  'serve the page with the headers `Cross-Origin-Opener-Policy: same-origin` and `Cross-Origin-Embedder-Policy: require-corp`.';
const NOT_ISOLATED = `this page is not cross-origin isolated, so SharedArrayBuffer is unavailable; ${HEADERS_HINT}`;

describe('outside a browser', () => {
  test('browserThreadSupport says why not and the pool refuses', async () => {
    expect(browserThreadSupport()).toEqual({ available: false, reason: NOT_ISOLATED });
    await expect(createBrowserThreadPool(2)).rejects.toThrow(`createBrowserThreadPool: ${NOT_ISOLATED}`);
    await expect(createBrowserThreadPool(1.5)).rejects.toThrow(
      'createBrowserThreadPool: threads must be a positive integer, got 1.5.',
    );
  });
});

let browser: Browser | undefined;
let context: BrowserContext | undefined;
const pages = new Map<'isolated' | 'plain', Page>();

type Reply<T> = { ok: true; value: T } | { ok: false; error: string };
type Checks = {
  run(check: CheckName, arg: number): Promise<Reply<unknown>>;
  inWorker(src: string, check: CheckName, arg: number): Promise<Reply<unknown>>;
};

/** Runs `check` on `page`'s main thread, or in a dedicated worker of it. */
async function check<T>(page: Page, name: CheckName, where: 'page' | 'worker', arg = 0): Promise<T> {
  const reply = await page.evaluate(
    ([n, w, a]) => {
      const checks = (globalThis as unknown as { makemoreThreads: Checks }).makemoreThreads;
      return w === 'page' ? checks.run(n, a) : checks.inWorker('threads.js', n, a);
    },
    [name, where, arg] as const,
  );
  if (!reply.ok) throw new Error(reply.error);
  return reply.value as T;
}

describe.skipIf(availability.skip)(
  `the browser thread pool in headless Chromium${availability.skip ? ` — skipped: ${availability.reason}` : ''}`,
  () => {
    beforeAll(async () => {
      const script = await bundleForBrowser(
        fileURLToPath(new URL('./test-support/browser-threads-entry.ts', import.meta.url)),
      );
      browser = await launchChromium();
      context = await browser.newContext();
      // /isolated/ and everything under it carries the two headers; /plain/ carries neither.
      await context.route(`${ORIGIN}/**`, (route) => {
        const path = new URL(route.request().url()).pathname;
        const headers = path.startsWith('/isolated/') ? ISOLATION_HEADERS : {};
        return path.endsWith('/threads.js')
          ? route.fulfill({ contentType: 'text/javascript', headers, body: script })
          : route.fulfill({
              contentType: 'text/html',
              headers,
              body: '<!doctype html><title>threads</title><script src="threads.js"></script>',
            });
      });
      for (const kind of ['isolated', 'plain'] as const) {
        const page = await context.newPage();
        await page.goto(`${ORIGIN}/${kind}/`);
        pages.set(kind, page);
      }
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
    });

    describe('in a Web Worker of a cross-origin isolated page', () => {
      let result: ParityResult;
      beforeAll(async () => {
        result = await check<ParityResult>(pages.get('isolated')!, 'parity', 'worker');
      }, 120_000);

      test('the page and its worker are cross-origin isolated and threads are available', async () => {
        expect(await pages.get('isolated')!.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
        expect(result.crossOriginIsolated).toBe(true);
        expect(result.threads).toBe(2);
      });

      test('matmuls shared by two threads equal one thread’s, bit for bit, and were shared', () => {
        expect(result.matmulsEqual).toEqual([true, true]);
        expect(result.jobsAfterMatmuls).toBe(2);
      });

      test('MLP training steps give the same losses on two threads as on one, sharing their matmuls', () => {
        expect(result.threadedLosses).toEqual(result.singleLosses);
        expect(result.singleLosses.every(Number.isFinite)).toBe(true);
        expect(result.singleLosses[2]!).toBeLessThan(result.singleLosses[0]!);
        // Three steps, each with a forward and two backward matmuls per layer above the threshold.
        expect(result.jobsAfterMlp).toBeGreaterThanOrEqual(3 * 3);
      });

      test('prints steps/s with 1 and 2 threads (for docs/benchmarks.md)', async () => {
        const r = await check<BenchResult>(pages.get('isolated')!, 'bench', 'worker', 3000);
        const line = (what: string, [one, two]: [number, number]) =>
          `${what}: ${one.toFixed(1)}/s on 1 thread, ${two.toFixed(1)}/s on 2 (×${(two / one).toFixed(2)})`;
        console.log(
          [
            'browser thread pool in headless Chromium, in a Web Worker (best of 5 alternating rounds):',
            line('matmul 512×512×512', r.matmul512),
            line('MLP step (batch 512, hidden 256)', r.mlpStep),
          ].join('\n  '),
        );
        expect(Math.min(...r.matmul512, ...r.mlpStep)).toBeGreaterThan(0);
      }, 60_000);
    });

    test('on an isolated page’s main thread, two threads are refused (it cannot wait), one is fine', async () => {
      const r = await check<RefusalResult>(pages.get('isolated')!, 'refusals', 'page');
      expect(r.crossOriginIsolated).toBe(true);
      expect(r.support.available).toBe(true);
      expect(r.twoThreads).toBe(
        "createBrowserThreadPool: this thread cannot block with Atomics.wait (a page's main thread cannot), and the pool's caller waits for its workers that way; create the pool in a dedicated Web Worker.",
      );
      expect(r.oneThread).toBe('resolved');
    });

    for (const where of ['page', 'worker'] as const) {
      test(`without the headers, the pool rejects naming them and support says why (${where})`, async () => {
        const r = await check<RefusalResult>(pages.get('plain')!, 'refusals', where);
        expect(r).toEqual({
          crossOriginIsolated: false,
          support: { available: false, reason: NOT_ISOLATED },
          twoThreads: `createBrowserThreadPool: ${NOT_ISOLATED}`,
          oneThread: `createBrowserThreadPool: ${NOT_ISOLATED}`,
        });
      });
    }
  },
);
