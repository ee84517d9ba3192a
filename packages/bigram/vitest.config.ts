import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'bigram',
    include: ['src/**/*.test.ts'],
  },
});
