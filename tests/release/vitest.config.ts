import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'release',
    include: ['*.test.ts'],
    // Packing and installing every package with npm takes a while on a 2-core machine.
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
