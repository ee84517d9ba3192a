/**
 * Debian's `chromium` package (or `CHROMIUM_PATH`), which playwright-core drives; never
 * `playwright install`.
 */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

/** Flags for headless Chromium in containers and CI: no sandbox, no GPU, no network of its own. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

/**
 * Extra flags that turn on WebGPU in headless Chromium (on SwiftShader's Vulkan where there is no
 * GPU). WebGPU also needs a secure context: serve the page from https or localhost, not about:blank.
 */
export const CHROMIUM_WEBGPU_ARGS = ['--enable-unsafe-webgpu', '--enable-features=Vulkan'] as const;
