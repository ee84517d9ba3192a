import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

export default defineProject({
  resolve: {
    // Examples in the README and TSDoc import the package by name; run them against the sources.
    alias: [
      { find: /^@makemore\/tensor\/testing$/, replacement: src('testing/index.ts') },
      { find: /^@makemore\/tensor$/, replacement: src('index.ts') },
    ],
  },
  test: {
    name: 'tensor',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test-support/setup.ts'],
  },
});
