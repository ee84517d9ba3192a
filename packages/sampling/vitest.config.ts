import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'sampling',
    include: ['src/**/*.test.ts'],
  },
});
