import { fileURLToPath } from 'node:url';
import { conformanceCases } from '@makemore/tensor/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { chromiumAvailability, launchChromium, openBundledPage } from '../../../tests/support/chromium.mjs';
import type { ModeProbe } from './modes.js';
import type { BrowserConformance, WebGpuBehaviour } from './test-support/browser-entry.js';

// Browser parity: the backend conformance suite (as parity.test.ts runs it in Node), run inside
// headless Chromium (apt `chromium`, launched through playwright-core) on gpu.js's webgl2, webgl and
// webgpu modes, against the CPU backend in the same page. Without Chromium the suite is skipped and
// says so; under CI (`CI=true`) a missing Chromium fails it instead.
const availability = chromiumAvailability('The gpu.js browser parity test');
// SwiftShader compiles each of gpu.js's shaders in tens of milliseconds, so webgl2 (the browser
// default) runs every case and webgl one case per op, to keep the suite near a minute.
const MODES = [
  { mode: 'webgl2', firstPerOp: false },
  { mode: 'webgl', firstPerOp: true },
  { mode: 'webgpu', firstPerOp: false },
] as const;
// WebGPU exists only in a secure context, so the page is served from an https origin that
// playwright answers itself (nothing goes to the network).
const PAGE_URL = 'https://parity.makemore.test/';

let browser: Browser | undefined;
let page: Page | undefined;
type ModeResult = Omit<BrowserConformance, 'cases'> & { cases: Map<string, string[]> };
const results = new Map<string, ModeResult>();
let probes: ModeProbe[] = [];
let webgpu: WebGpuBehaviour | undefined;

describe.skipIf(availability.skip)(
  `browser parity in headless Chromium${availability.skip ? ` — skipped: ${availability.reason}` : ''}`,
  () => {
    beforeAll(async () => {
      browser = await launchChromium();
      const entry = fileURLToPath(new URL('./test-support/browser-entry.ts', import.meta.url));
      page = await openBundledPage(browser, entry, PAGE_URL);
      probes = await page.evaluate(() =>
        (globalThis as unknown as { makemoreProbes: () => Promise<ModeProbe[]> }).makemoreProbes(),
      );
      for (const { mode, firstPerOp } of MODES) {
        if (!probes.find((p) => p.mode === mode)?.available) continue;
        const r = await page.evaluate(
          ([m, f]) =>
            (
              globalThis as unknown as {
                makemoreConformance: (m: string, f: boolean) => Promise<BrowserConformance>;
              }
            ).makemoreConformance(m, f),
          [mode, firstPerOp] as const,
        );
        results.set(mode, { ...r, cases: new Map(r.cases) });
      }
      webgpu = await page.evaluate(() =>
        (
          globalThis as unknown as { makemoreWebGpuBehaviour: () => Promise<WebGpuBehaviour> }
        ).makemoreWebGpuBehaviour(),
      );
    }, 300_000);

    afterAll(async () => {
      await browser?.close();
    });

    test('Chromium offers webgl2 on a software renderer, which auto does not take for a GPU', () => {
      const webgl2 = probes.find((p) => p.mode === 'webgl2')!;
      expect(webgl2.available).toBe(true);
      expect(webgl2.hardware).toBe(false);
      expect(webgl2.detail).toMatch(/software renderer .*SwiftShader/i);
    });

    test('Chromium offers a WebGPU adapter, a software fallback that is not taken for a GPU', () => {
      const webgpu = probes.find((p) => p.mode === 'webgpu')!;
      expect(webgpu.available).toBe(true);
      expect(webgpu.hardware).toBe(false);
      expect(webgpu.detail).toMatch(/^webgpu: software adapter .*swiftshader.*, not a GPU$/i);
    });

    test('webgpu reads back only asynchronously, refuses indices it cannot check and frees every buffer', () => {
      expect(webgpu).toEqual({
        syncReadError: 'dataSync: the gpu.js backend cannot read synchronously; use await data().',
        values: [3, 5, 7],
        itemError: 'dataSync: the gpu.js backend cannot read synchronously; use await data().',
        deviceIndexError:
          'gpu.js webgpu: WebGPU has no synchronous readback; read this tensor with await t.data() ' +
          '(indices for gather and cross-entropy must be written from the host).',
        liveAfterDispose: 0,
        buffersAfterDispose: 0,
      });
    });

    for (const { mode, firstPerOp } of MODES) {
      describe(`gpu.js ${mode}${firstPerOp ? ' (one case per op)' : ''}`, () => {
        for (const { name } of conformanceCases({ firstPerOp })) {
          test(name, () => {
            const r = results.get(mode);
            expect(r, `${mode} is not available in this Chromium`).toBeDefined();
            expect(r!.cases.get(name)).toEqual([]);
          });
        }
        test(`every kernel ran on ${mode} (gpu.js degraded none to another mode)`, () => {
          expect(results.get(mode)!.degraded).toEqual([]);
        });

        test('two MLP training steps', () => {
          expect(results.get(mode)!.mlp).toEqual([]);
        });
      });
    }
  },
);
