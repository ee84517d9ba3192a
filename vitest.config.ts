import { defineConfig } from 'vitest/config';

// Every package and app is a vitest project with its own `vitest.config.ts`; tests/* holds the
// checks that span the workspace (packing and installing the published packages).
// CI sets VITEST_JSON_REPORT so that `.ci/run` can count results without parsing the console.
const jsonReport = process.env.VITEST_JSON_REPORT;

export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/*', 'tests/*'],
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
  },
});
