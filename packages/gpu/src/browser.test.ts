import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_ARGS, CHROMIUM_PATH, CHROMIUM_WEBGPU_ARGS } from '../../../tests/support/chromium.js';
import type { ModeProbe } from './modes.js';
import type { BrowserCase, WebGpuBehaviour } from './test-support/browser-entry.js';
import { caseList } from './test-support/browser-entry.js';
import { maxViolation } from './test-support/parity.js';

// Browser parity: the same cases as parity.test.ts, run inside headless Chromium (apt `chromium`,
// launched through playwright-core) on gpu.js's webgl2, webgl and webgpu modes, against the CPU
// backend in the same page. Without Chromium the suite is skipped and says so.
const hasChromium = existsSync(CHROMIUM_PATH);
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
type ModeResult = {
  cases: Map<string, BrowserCase>;
  mlp: { cpu: number[]; gpu: number[] } | { error: string };
  degraded: [string, string][];
};
const results = new Map<string, ModeResult>();
let probes: ModeProbe[] = [];
let webgpu: WebGpuBehaviour | undefined;

function expectClose(what: string, got: number[], want: number[]) {
  const bad = maxViolation(got, want, 1e-5, 1e-4);
  expect(bad, `${what}: gpu.js ${bad?.a} vs cpu ${bad?.b} at ${bad?.index}`).toBeNull();
}

describe.skipIf(!hasChromium)(
  `browser parity in headless Chromium${hasChromium ? '' : ` — skipped: no Chromium at ${CHROMIUM_PATH}`}`,
  () => {
    beforeAll(async () => {
      const bundle = await build({
        entryPoints: [fileURLToPath(new URL('./test-support/browser-entry.ts', import.meta.url))],
        bundle: true,
        write: false,
        format: 'iife',
        platform: 'browser',
        target: 'es2022',
        logLevel: 'silent',
      });
      browser = await chromium.launch({
        executablePath: CHROMIUM_PATH,
        args: [...CHROMIUM_ARGS, ...CHROMIUM_WEBGPU_ARGS],
      });
      page = await browser.newPage();
      await page.route(PAGE_URL, (route) =>
        route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>parity</title>' }),
      );
      await page.goto(PAGE_URL);
      await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
      probes = await page.evaluate(() =>
        (globalThis as unknown as { makemoreProbes: () => Promise<ModeProbe[]> }).makemoreProbes(),
      );
      for (const { mode, firstPerOp } of MODES) {
        if (!probes.find((p) => p.mode === mode)?.available) continue;
        const r = await page.evaluate(
          ([m, f]) =>
            (
              globalThis as unknown as {
                makemoreParity: (
                  m: string,
                  f: boolean,
                ) => Promise<Omit<ModeResult, 'cases'> & { cases: BrowserCase[] }>;
              }
            ).makemoreParity(m, f),
          [mode, firstPerOp] as const,
        );
        results.set(mode, {
          cases: new Map(r.cases.map((c) => [c.name, c])),
          mlp: r.mlp,
          degraded: r.degraded,
        });
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
        for (const [name] of caseList(firstPerOp)) {
          test(name, () => {
            const r = results.get(mode);
            expect(r, `${mode} is not available in this Chromium`).toBeDefined();
            const c = r!.cases.get(name)!;
            expect(c.error).toBeUndefined();
            expect(c.leaked).toBeUndefined();
            expect(c.gpu!.shape).toEqual(c.cpu!.shape);
            expect(c.gpu!.dtype).toBe(c.cpu!.dtype);
            expectClose('output', c.gpu!.out, c.cpu!.out);
            expect(c.gpu!.grads.length).toBe(c.cpu!.grads.length);
            for (const [i, g] of c.gpu!.grads.entries())
              expectClose(`grad of input ${i}`, g, c.cpu!.grads[i]!);
          });
        }
        test(`every kernel ran on ${mode} (gpu.js degraded none to another mode)`, () => {
          expect(results.get(mode)!.degraded).toEqual([]);
        });

        test('two MLP training steps', () => {
          const mlp = results.get(mode)!.mlp;
          if ('error' in mlp) throw new Error(mlp.error);
          for (const [i, loss] of mlp.gpu.entries()) expect(Math.abs(loss - mlp.cpu[i]!)).toBeLessThan(1e-4);
        });
      });
    }
  },
);
