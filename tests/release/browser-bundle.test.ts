import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TEN_NAMES } from '../../packages/data/src/test-support/short-names.js';
import { chromiumAvailability, launchChromium } from '../support/chromium.mjs';
import { ROOT } from './workspace-packages.js';

// What a web page pays to use the packages: each entry in bundle-entries/ is bundled from the built
// workspace packages (run after `pnpm build`) as an app would bundle it for the browser, minified
// and gzipped, and held to a budget; the load-and-sample bundle then runs in headless Chromium on a
// model directory trained here. A budget that fails names the biggest inputs, to say where to look.
//
// The wasm kernels are most of each bundle, and one module serves sampling and training alike. The
// fused cross-entropy, the narrow matmul tile and the fused LSTM cell (issue #14's training speed)
// grew load-and-sample from 40,271 to 43,384 B and load-model from 43,421 to 46,523 B, and the budgets
// moved by 3 and 2 KiB with them. Splitting the backward kernels into a module that only training
// loads would win that back.
const BUDGETS = [
  { entry: 'load-and-sample', what: 'load a model directory and sample', limitKiB: 43 },
  // The one-call loadModel brings the count models and Model's scoring along: 42.9 KiB when written.
  { entry: 'load-model', what: 'load any model type with loadModel and sample', limitKiB: 46 },
  { entry: 'train-in-browser', what: 'train a model in the page and sample', limitKiB: 60 },
] as const;

const chromiumCheck = chromiumAvailability('The browser bundle test');
// Served by playwright itself (nothing goes to the network), so the page can import the bundle.
const ORIGIN = 'https://bundle.makemore.test';

interface Bundle {
  code: string;
  gzipped: number;
  inputs: Metafile['outputs'][string]['inputs'];
}
const bundles = new Map<string, Bundle>();

async function bundle(entry: string): Promise<Bundle> {
  // Resolved from packages/train, as from an app that depends on @makemore/train (its own name
  // resolves through its exports map; the others are its dependencies), so nothing is installed.
  const result = await build({
    stdin: {
      contents: readFileSync(join(ROOT, 'tests/release/bundle-entries', `${entry}.ts`), 'utf8'),
      loader: 'ts',
      resolveDir: join(ROOT, 'packages/train'),
      sourcefile: `${entry}.ts`,
    },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0]!.contents;
  return {
    code: result.outputFiles[0]!.text,
    gzipped: gzipSync(code, { level: 9 }).length,
    inputs: Object.values(result.metafile.outputs)[0]!.inputs,
  };
}

/** The inputs that put the most bytes into the minified bundle, for a failure message. */
function biggest(inputs: Bundle['inputs'], count = 8): string {
  return Object.entries(inputs)
    .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    .slice(0, count)
    .map(
      ([path, { bytesInOutput }]) =>
        `  ${bytesInOutput} B ${path.replace(/^.*?(node_modules|packages)\//, '$1/')}`,
    )
    .join('\n');
}

beforeAll(async () => {
  const missing = ['data', 'tensor', 'nn', 'models', 'sampling', 'train'].filter(
    (p) => !existsSync(join(ROOT, 'packages', p, 'dist/index.js')),
  );
  expect(missing, `build the packages first (pnpm build); no dist/ in ${missing.join(', ')}`).toEqual([]);
  for (const { entry } of BUDGETS) bundles.set(entry, await bundle(entry));
});

describe.each(BUDGETS)('the $entry bundle ($what)', ({ entry, limitKiB }) => {
  test(`is at most ${limitKiB} KiB gzipped`, () => {
    const { gzipped, inputs } = bundles.get(entry)!;
    expect(
      gzipped,
      `${entry} is ${gzipped} B (${(gzipped / 1024).toFixed(1)} KiB) gzipped, over its ${limitKiB} KiB budget; its biggest inputs (minified bytes):\n${biggest(inputs)}`,
    ).toBeLessThanOrEqual(limitKiB * 1024);
  });

  test('leaves out gpu.js, @makemore/gpu and Node built-ins', () => {
    const paths = Object.keys(bundles.get(entry)!.inputs);
    expect(paths.filter((p) => /gpu\.js|packages\/gpu\/|^node:/.test(p))).toEqual([]);
    expect(bundles.get(entry)!.code).not.toMatch(/from\s*"node:|require\(/);
  });
});

describe.skipIf(chromiumCheck.skip)(
  `the bundles in headless Chromium${chromiumCheck.skip ? ` — skipped: ${chromiumCheck.reason}` : ''}`,
  () => {
    let browser: Browser | undefined;
    const items = [...TEN_NAMES];
    const pageErrors: string[] = [];

    /** A page with the bundle's exports on `globalThis.bundle` (imported by a module script). */
    async function openPage(entry: string) {
      browser ??= await launchChromium();
      const page = await browser.newPage();
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.route(`${ORIGIN}/**`, (route) => {
        const name = new URL(route.request().url()).pathname.slice(1);
        const js = name.endsWith('.js') ? bundles.get(name.slice(0, -3))?.code : undefined;
        return js !== undefined
          ? route.fulfill({ contentType: 'text/javascript', body: js })
          : route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bundle</title>' });
      });
      await page.goto(`${ORIGIN}/`);
      await page.addScriptTag({
        type: 'module',
        content: `import * as bundle from '${ORIGIN}/${entry}.js'; globalThis.bundle = bundle;`,
      });
      // A bundle that throws while loading never sets it: fail then with the page's errors.
      await page
        .waitForFunction(() => 'bundle' in globalThis, undefined, { timeout: 30_000 })
        .catch((error) => {
          throw new Error(`${entry}.js did not load: ${pageErrors.join('; ') || error}`);
        });
      return page;
    }

    afterAll(async () => {
      await browser?.close();
    });

    test('load-and-sample loads a model directory trained in Node and prints samples', async () => {
      // A tiny model directory, as the CLI would leave it: a few steps of an MLP, from the built packages.
      type Train = typeof import('../../packages/train/src/index.js');
      type Data = typeof import('../../packages/data/src/index.js');
      const train: Train = await import(pathToFileURL(join(ROOT, 'packages/train/dist/index.js')).href);
      const data: Data = await import(pathToFileURL(join(ROOT, 'packages/data/dist/index.js')).href);
      const vocab = data.Vocab.fromItems(items);
      const run = train.createTrainingRun({
        model: 'mlp',
        hyperparameters: { nHidden: 8 },
        recipe: { steps: 3, evalEvery: 3 },
        split: data.splitItems(items, { seed: 42 }),
        vocab,
        data: { source: 'inline', fingerprint: await data.fingerprintItems(items), items: items.length },
      });
      await run.train();
      const checkpoint = run.checkpointFiles();
      const files = [train.CONFIG_FILE, train.WEIGHTS_FILE].map(
        (name) => [name, [...checkpoint.get(name)!]] as const,
      );

      const page = await openPage('load-and-sample');
      const printed: string[] = [];
      page.on('console', (message) => printed.push(message.text()));
      const words = await page.evaluate(async (files) => {
        const { sample } = (
          globalThis as unknown as { bundle: typeof import('./bundle-entries/load-and-sample.js') }
        ).bundle;
        const map = new Map(files.map(([name, bytes]) => [name, new Uint8Array(bytes)]));
        const words: string[] = await sample(map, 8);
        for (const word of words) console.log(word);
        return words;
      }, files);
      expect(pageErrors).toEqual([]);
      expect(words).toHaveLength(8);
      expect(printed).toEqual(words);
      const chars = new Set(items.join(''));
      for (const word of words)
        expect(
          [...word].every((c) => chars.has(c)),
          `"${word}" is not from the vocab`,
        ).toBe(true);
      expect(
        words.some((word) => word.length > 0),
        'every sample was empty',
      ).toBe(true);
      await page.close();
    });

    test('load-model loads a count bigram directory trained in Node and samples it', async () => {
      type Train = typeof import('../../packages/train/src/index.js');
      const train: Train = await import(pathToFileURL(join(ROOT, 'packages/train/dist/index.js')).href);
      const bigram = await train.trainModel(items, { model: 'bigram' });
      const expected = (await bigram.sample({ count: 6, seed: 1 })).items;
      const files = [...bigram.save()].map(([name, bytes]) => [name, [...bytes]] as const);
      const page = await openPage('load-model');
      const words = await page.evaluate(async (files) => {
        const { sample } = (
          globalThis as unknown as { bundle: typeof import('./bundle-entries/load-model.js') }
        ).bundle;
        return sample(new Map(files.map(([name, bytes]) => [name, new Uint8Array(bytes)])), 6);
      }, files);
      expect(pageErrors).toEqual([]);
      // The same samples as in Node: the seed's streams do not depend on where they run.
      expect(words).toEqual(expected);
      await page.close();
    });

    test('train-in-browser trains a few steps in the page and samples', async () => {
      const page = await openPage('train-in-browser');
      const result = await page.evaluate(
        (items) =>
          (
            globalThis as unknown as { bundle: typeof import('./bundle-entries/train-in-browser.js') }
          ).bundle.trainAndSample(items, 3),
        items,
      );
      expect(pageErrors).toEqual([]);
      expect(result.steps).toBe(3);
      expect(Number.isFinite(result.train)).toBe(true);
      expect(result.words).toHaveLength(5);
      await page.close();
    });
  },
);
