import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Checks every workspace package from here because @makemore/data is the one package all of them
// build after; a package that only checked itself would not notice a sibling's exports map.
const packagesDir = resolve(import.meta.dirname, '../..');

interface Manifest {
  name: string;
  exports: Record<string, string | Record<string, string>>;
}

const manifests = readdirSync(packagesDir)
  .filter((dir) => existsSync(join(packagesDir, dir, 'package.json')))
  .map((dir) => ({
    dir: join(packagesDir, dir),
    manifest: JSON.parse(readFileSync(join(packagesDir, dir, 'package.json'), 'utf8')) as Manifest,
  }));

/** The exports-map entries that are modules (not `./package.json`), with their conditions. */
function moduleEntries(manifest: Manifest): [string, Record<string, string>][] {
  return Object.entries(manifest.exports).flatMap(([path, target]) =>
    typeof target === 'string' ? [] : [[path, target] as [string, Record<string, string>]],
  );
}

// Node < 20.19 cannot require ES modules without a flag; there only the exports map is checked.
const canRequireEsm = (process.features as { require_module?: boolean }).require_module === true;

describe('module formats of the workspace packages', () => {
  it('finds the packages', () => {
    expect(manifests.map((m) => m.manifest.name)).toContain('@makemore/train');
  });

  // Without `default`, require() of an import-only map fails with ERR_PACKAGE_PATH_NOT_EXPORTED
  // even on Node versions that can require ES modules.
  it.each(manifests.map((m) => [m.manifest.name, m.manifest] as const))(
    "%s gives every export a 'default' condition after 'types' and 'import'",
    (_name, manifest) => {
      for (const [, conditions] of moduleEntries(manifest)) {
        expect(Object.keys(conditions)).toEqual(['types', 'import', 'default']);
        expect(conditions['default']).toBe(conditions['import']);
      }
    },
  );

  // Spawned because vitest's own loader would resolve the ESM entry and never hit require().
  // A package not built yet (a parallel build in CI) is left to the static check above.
  it.runIf(canRequireEsm).each(manifests.map((m) => [m.manifest.name, m] as const))(
    '%s can be required from CommonJS',
    (name, { dir, manifest }) => {
      const specifiers = moduleEntries(manifest).map(([path]) =>
        path === '.' ? name : `${name}${path.slice(1)}`,
      );
      const built = moduleEntries(manifest).every(([, c]) =>
        existsSync(join(dir, c['default'] ?? c['import']!)),
      );
      if (!built) return;
      // Each package requires itself by name (package self-reference), so no sibling link is needed.
      const script = `for (const s of ${JSON.stringify(specifiers)}) console.log(s, Object.keys(require(s)).length);`;
      const out = execFileSync(process.execPath, ['--no-warnings', '-e', script], {
        cwd: dir,
        encoding: 'utf8',
      });
      for (const s of specifiers) expect(out).toMatch(new RegExp(`^${s} [1-9]\\d*$`, 'm'));
    },
    60_000,
  );
});
