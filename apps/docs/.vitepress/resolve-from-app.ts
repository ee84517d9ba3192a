import { fileURLToPath } from 'node:url';
import type { UserConfig } from 'vitepress';

// Vite's plugin type, as VitePress's config takes it (vite itself is VitePress's dependency, not ours).
type Plugin = Extract<NonNullable<NonNullable<UserConfig['vite']>['plugins']>[number], { name: string }>;

// Any file of this app: bare imports resolved "from here" find apps/docs/node_modules.
const appImporter = fileURLToPath(new URL('./config.ts', import.meta.url));

/**
 * The pages live in the repository's docs/ folder, where no node_modules holds this app's
 * dependencies. VitePress aliases `vue` for the client build only; this resolves the given bare
 * imports of every page as if this app had made them, in the SSR build too.
 *
 * @param names - the bare module names
 * @returns the Vite plugin
 */
export function resolveFromApp(names: readonly string[]): Plugin {
  const wanted = new Set(names);
  return {
    name: 'makemore-resolve-from-app',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!wanted.has(source) || importer === appImporter) return null;
      return this.resolve(source, appImporter, { ...options, skipSelf: true });
    },
  };
}
