import { existsSync } from 'node:fs';

/** Debian's `chromium` package; playwright-core drives it (never `playwright install`). */
export const CHROMIUM_PATH = '/usr/bin/chromium';

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
 * Whether the e2e test can run. Without Chromium it is skipped locally, with a message saying how to
 * install it; under CI (`CI=true`) it must run, so a missing browser fails instead of hiding.
 *
 * @param env - the environment
 * @param exists - checks a path (for tests)
 * @returns skip, and why
 */
export function chromiumAvailability(
  env: Record<string, string | undefined>,
  exists: (path: string) => boolean = existsSync,
): { skip: boolean; reason: string } {
  if (exists(CHROMIUM_PATH)) return { skip: false, reason: '' };
  const reason = `${CHROMIUM_PATH} is missing; install it with \`apt-get install -y chromium\`.`;
  if (env['CI'] === 'true') throw new Error(`The docs e2e test needs Chromium under CI: ${reason}`);
  return { skip: true, reason };
}
