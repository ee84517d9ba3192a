import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'gpu',
    include: ['src/**/*.test.ts'],
    // Kernel compilation in gpu.js's software modes is slow on a shared 2-core machine.
    testTimeout: 60_000,
  },
});
