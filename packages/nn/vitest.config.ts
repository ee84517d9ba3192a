import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

const src = (p: string) => fileURLToPath(new URL(`./src/${p}`, import.meta.url));

export default defineProject({
  resolve: {
    // The README example imports the package by name; run it against the sources.
    alias: [{ find: /^@makemore\/nn$/, replacement: src('index.ts') }],
  },
  test: {
    name: 'nn',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test-support/setup.ts'],
  },
});
