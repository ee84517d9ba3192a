import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'cli',
    include: ['src/**/*.test.ts'],
    // CLI tests spawn the built binary; a cold Node start on a busy 2-core machine can take seconds.
    testTimeout: 30_000,
  },
});
