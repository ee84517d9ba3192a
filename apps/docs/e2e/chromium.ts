import { existsSync } from 'node:fs';

import { CHROMIUM_PATH } from '../../../tests/support/chromium.js';

export { CHROMIUM_ARGS, CHROMIUM_PATH, CHROMIUM_WEBGPU_ARGS } from '../../../tests/support/chromium.js';

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
