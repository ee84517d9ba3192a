import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'docs',
    include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
    // The e2e test starts Chromium against the built site; a cold start on a busy machine is slow.
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
