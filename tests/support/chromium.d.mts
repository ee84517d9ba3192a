// Types of chromium.mjs (see there for why it is JavaScript).
import type { Browser, Page } from 'playwright-core';

/** Debian's `chromium` package (or `CHROMIUM_PATH`), which playwright-core drives. */
export declare const CHROMIUM_PATH: string;

/** Flags for headless Chromium in containers and CI: no sandbox, no GPU, no network of its own. */
export declare const CHROMIUM_ARGS: readonly string[];

/** Extra flags that turn on WebGPU in headless Chromium (it also needs an https or localhost page). */
export declare const CHROMIUM_WEBGPU_ARGS: readonly string[];

/** Whether a suite that needs Chromium runs: skipped, and why. */
export interface ChromiumAvailability {
  /** True when Chromium is missing outside CI. */
  skip: boolean;
  /** How to install it, when skipped. */
  reason: string;
}

/** Whether `suite` can run: skipped locally without Chromium; under `CI=true` a missing Chromium throws. */
export declare function chromiumAvailability(
  suite: string,
  env?: Record<string, string | undefined>,
  exists?: (path: string) => boolean,
): ChromiumAvailability;

/** Launches headless Chromium with the flags above and WebGPU on; throws saying how to install it when missing. */
export declare function launchChromium(): Promise<Browser>;

/** The script `entry` bundled by esbuild for the browser, as one classic (IIFE) script. */
export declare function bundleForBrowser(entry: string): Promise<string>;

/** Opens a page at the https address `url` (answered by playwright) running the script `entry`, bundled by esbuild. */
export declare function openBundledPage(browser: Browser, entry: string, url: string): Promise<Page>;
