import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { describe, expect, test } from 'vitest';
import { publishablePackages } from './workspace-packages.js';

const packages = publishablePackages();

describe.each(packages)('$name', (pkg) => {
  test('its package.json has what a published package needs', () => {
    const m = pkg.manifest;
    expect(m['type']).toBe('module');
    expect(m['license']).toBe('MIT');
    expect(m['engines']).toEqual({ node: '>=20.17' });
    // Built output only; the CLI also ships the Python templates `makemore export --to pytorch` copies.
    expect(m['files']).toEqual(m['bin'] === undefined ? ['dist'] : ['dist', 'templates']);
    expect((m['repository'] as { directory: string }).directory).toBe(pkg.dir.split('/').slice(-2).join('/'));
    expect((m['keywords'] as string[]).length).toBeGreaterThan(0);
    expect(m['publishConfig']).toEqual({ access: 'public' });
    expect(existsSync(join(pkg.dir, 'README.md'))).toBe(true);
    expect(existsSync(join(pkg.dir, 'LICENSE'))).toBe(true);
    if (m['bin'] === undefined) {
      // Libraries: ESM with types first in every export condition, no side effects.
      expect(m['sideEffects']).toBe(false);
      for (const conditions of Object.values(
        m['exports'] as Record<string, string | Record<string, string>>,
      )) {
        // A plain string export (./package.json) has no conditions to order.
        if (typeof conditions === 'object') expect(Object.keys(conditions)[0]).toBe('types');
      }
    }
  });

  test('internal dependencies use workspace:^ and are pinned elsewhere', () => {
    for (const [dep, range] of Object.entries(pkg.manifest.dependencies ?? {})) {
      if (dep.startsWith('@makemore/')) expect(range).toBe('workspace:^');
      else expect(range).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  test('publint finds nothing to fix', async () => {
    expect(existsSync(join(pkg.dir, 'dist')), 'run `pnpm build` first').toBe(true);
    const { messages } = await publint({ pkgDir: pkg.dir, level: 'suggestion', strict: true, pack: 'pnpm' });
    expect(messages).toEqual([]);
  });

  // The CLI has no exports to type; attw applies to the libraries.
  if (pkg.manifest['bin'] === undefined) {
    test('are the types wrong? finds no problem for ESM consumers', () => {
      // The packages are ESM only, so CommonJS `require` resolution is out of scope (profile esm-only).
      const attw = fileURLToPath(new URL('../../node_modules/.bin/attw', import.meta.url));
      const result = spawnSync(attw, ['--pack', '.', '--profile', 'esm-only', '--format', 'ascii'], {
        cwd: pkg.dir,
        encoding: 'utf8',
      });
      expect(result.status, result.stdout + result.stderr).toBe(0);
    });
  }

  test('it has a CHANGELOG for changesets to extend', () => {
    expect(readFileSync(join(pkg.dir, 'CHANGELOG.md'), 'utf8')).toMatch(
      new RegExp(`^# ${pkg.name.replace('/', '\\/')}\\n`),
    );
  });
});
