import { createRequire } from 'node:module';

/** The CLI's version, from its package.json (read at run time so it never drifts). */
export const CLI_VERSION: string = (createRequire(import.meta.url)('../package.json') as { version: string })
  .version;
