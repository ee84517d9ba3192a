import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The guide's shell blocks are files too (examples/*.sh); they can name only packages that exist and
// are published, and only scripts the root package.json has.
const examplesDir = new URL('../examples/', import.meta.url);
const repoDir = new URL('../../../', import.meta.url);
const read = (url: URL) => JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;

const publicPackages = new Set(
  readdirSync(new URL('packages/', repoDir))
    .map((name) => {
      try {
        return read(new URL(`packages/${name}/package.json`, repoDir));
      } catch {
        return undefined;
      }
    })
    .filter((pkg) => pkg !== undefined && pkg['private'] !== true)
    .map((pkg) => pkg!['name'] as string),
);
const rootScripts = read(new URL('package.json', repoDir))['scripts'] as Record<string, string>;

const commands = (name: string) =>
  readFileSync(new URL(name, examplesDir), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'));

describe('shell examples', () => {
  it('install.sh installs only published workspace packages', () => {
    const lines = commands('install.sh');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      const [npm, install, ...names] = line.split(/\s+/);
      expect([npm, install]).toEqual(['npm', 'install']);
      for (const name of names) expect(publicPackages, `${name} is not a published package`).toContain(name);
    }
  });

  it('bench.sh runs a script of the root package.json', () => {
    for (const line of commands('bench.sh')) {
      const [pnpm, script] = line.split(/\s+/);
      expect(pnpm).toBe('pnpm');
      expect(Object.keys(rootScripts)).toContain(script);
    }
  });
});
