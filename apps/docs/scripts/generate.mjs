// Generates the parts of the site that come from the code: the CLI reference (from `--help`) and the
// API reference (typedoc + typedoc-plugin-markdown into docs/api). Needs the workspace built first.
//   node scripts/generate.mjs            both
//   node scripts/generate.mjs --api-only the API reference only (`pnpm docs:api`)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renameIndexModules } from './api-index-modules.mjs';
import { CLI_BIN, cliReference } from './cli-reference.mjs';
import { writePackagePages } from './package-pages.mjs';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const repoDir = fileURLToPath(new URL('../../..', import.meta.url));
const docsDir = `${repoDir}docs`;
const apiOnly = process.argv.includes('--api-only');

// Every library package with an entry point; a package that is still being scaffolded is skipped.
const packages = readdirSync(`${repoDir}packages`)
  .filter((name) => existsSync(`${repoDir}packages/${name}/package.json`))
  .filter((name) => existsSync(`${repoDir}packages/${name}/src/index.ts`))
  .sort();
const missingBuild = packages.filter((name) => !existsSync(`${repoDir}packages/${name}/dist/index.d.ts`));
if (missingBuild.length > 0) {
  const message = `packages/${missingBuild.join(', packages/')} not built; run \`pnpm build\` first.`;
  // Under CI turbo has built everything, so a missing build is a bug; locally, a package that another
  // change is still bringing up should not block the rest of the site.
  if (process.env.CI === 'true') throw new Error(message);
  console.warn(`warning: ${message} Its API pages are left out.`);
}
const documented = packages.filter((name) => !missingBuild.includes(name));
rmSync(`${docsDir}/api`, { recursive: true, force: true });
const typedoc = join(dirname(createRequire(import.meta.url).resolve('typedoc/package.json')), 'bin/typedoc');
execFileSync(
  process.execPath,
  [
    typedoc,
    '--options',
    'typedoc.json',
    ...documented.flatMap((name) => ['--entryPoints', `../../packages/${name}`]),
  ],
  { cwd: appDir, stdio: 'inherit' },
);
renameIndexModules(docsDir);
console.log(`wrote docs/api for ${documented.length} packages`);

if (!apiOnly) {
  if (!existsSync(CLI_BIN)) {
    throw new Error(`${CLI_BIN} is missing; build the workspace first with \`pnpm build\`.`);
  }
  mkdirSync(`${docsDir}/reference`, { recursive: true });
  writeFileSync(`${docsDir}/reference/cli.md`, cliReference());
  console.log('wrote docs/reference/cli.md');
  // Each package page links to its API page: `<name>.md`, or `<name>/` for a package with several
  // entry points (@makemore/tensor and its ./testing).
  const apiLink = (/** @type {string} */ name) =>
    existsSync(`${docsDir}/api/${name}.md`)
      ? `/api/${name}`
      : existsSync(`${docsDir}/api/${name}/index.md`)
        ? `/api/${name}/`
        : undefined;
  console.log(`wrote docs/packages/ for ${writePackagePages(repoDir, apiLink).join(', ')}`);

  // Benchmark figures are published as docs/benchmarks.md (with the machine that measured them) by
  // whoever ran them; the benchmarks page links to them when they exist and never makes any up.
  const results = existsSync(`${docsDir}/benchmarks.md`)
    ? 'The latest published results, with the machine that measured them, are on the [benchmark results](/benchmarks) page.\n'
    : 'No results have been published with the docs yet. Run `pnpm bench` on your machine to measure.\n';
  writeFileSync(`${docsDir}/reference/_benchmark-results.md`, results);
}
