import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** A publishable workspace package as its package.json describes it. */
export interface WorkspacePackage {
  name: string;
  version: string;
  dir: string;
  manifest: Record<string, unknown> & { dependencies?: Record<string, string> };
}

/** Every package that would be published: packages/* and apps/* that are not private. */
export function publishablePackages(): WorkspacePackage[] {
  const found: WorkspacePackage[] = [];
  for (const parent of ['packages', 'apps']) {
    for (const entry of readdirSync(join(ROOT, parent), { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = join(ROOT, parent, entry.name);
      let manifest: WorkspacePackage['manifest'];
      try {
        manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      if (manifest['private'] === true) continue;
      found.push({ name: manifest['name'] as string, version: manifest['version'] as string, dir, manifest });
    }
  }
  return found.sort((a, b) => a.name.localeCompare(b.name));
}

/** The workspace packages `name` needs at run time, itself included, transitively. */
export function internalClosure(name: string, packages: readonly WorkspacePackage[]): string[] {
  const byName = new Map(packages.map((p) => [p.name, p]));
  const seen = new Set<string>();
  const visit = (current: string) => {
    if (seen.has(current) || !byName.has(current)) return;
    seen.add(current);
    for (const dep of Object.keys(byName.get(current)!.manifest.dependencies ?? {})) visit(dep);
  };
  visit(name);
  return [...seen].sort();
}
