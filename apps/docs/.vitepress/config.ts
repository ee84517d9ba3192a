import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DefaultTheme, defineConfig } from 'vitepress';
import { documentedPackages } from '../scripts/package-pages.mjs';
import { CROSS_ORIGIN_ISOLATION } from '../scripts/site-server.mjs';
import { rewriteRepoLinks } from './repo-links.js';
import { resolveFromApp } from './resolve-from-app.js';

// The prose lives in the repository's top-level docs/ folder; this app holds the site's machinery.
const repoDir = fileURLToPath(new URL('../../..', import.meta.url));
const srcDir = `${repoDir}/docs`;

// typedoc (run by scripts/generate.mjs) writes docs/api, one page per package, and a sidebar for it;
// before the first generation the API section is simply absent.
function apiSidebar(): DefaultTheme.SidebarItem[] {
  const file = `${srcDir}/api/typedoc-sidebar.json`;
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, 'utf8')) as DefaultTheme.SidebarItem[];
}

// A page's title is its first heading, so the sidebar cannot drift from the pages it lists.
function titleOf(file: string): string | undefined {
  return /^# (.+)$/m.exec(readFileSync(`${srcDir}/${file}`, 'utf8'))?.[1];
}

// Other notes in docs/ (benchmark results, reliability, releasing, ...), titled by their first heading.
function topLevelPages(): DefaultTheme.SidebarItem[] {
  const listed = new Set(['index.md', 'playground.md', 'architecture.md']);
  return readdirSync(srcDir)
    .filter((name) => name.endsWith('.md') && !listed.has(name))
    .sort()
    .map((name) => ({ text: titleOf(name) ?? name, link: `/${name.replace(/\.md$/, '')}` }));
}

// Guide chapters in reading order, each titled by its first heading (which carries its number).
function guidePages(slugs: readonly string[]): DefaultTheme.SidebarItem[] {
  return slugs.map((slug) => ({ text: titleOf(`guide/${slug}.md`) ?? slug, link: `/guide/${slug}` }));
}

const guide: DefaultTheme.SidebarItem[] = [
  { text: 'Guide', items: guidePages(['installation']) },
  {
    // Chapters 1–6 follow the course lecture on makemore, cell by cell, on names.txt.
    text: 'The lecture',
    items: guidePages([
      'counting-bigrams',
      'probabilities-and-sampling',
      'likelihood-and-smoothing',
      'neural-bigram',
      'mlp',
      'mini-batches',
    ]),
  },
  {
    text: 'After the lecture',
    items: guidePages([
      'deeper-models',
      'batchnorm',
      'diagnostics',
      'manual-gradients',
      'wavenet',
      'rnn-gru',
      'transformer',
      'model-directories',
      'pytorch',
    ]),
  },
  {
    text: 'Reference',
    items: [
      { text: 'The makemore command', link: '/reference/cli' },
      { text: 'Architecture', link: '/architecture' },
      { text: 'Running the benchmarks', link: '/reference/benchmarks' },
      ...topLevelPages(),
      { text: 'API reference', link: '/api/' },
    ],
  },
  {
    text: 'Packages',
    items: documentedPackages(repoDir).map(({ slug, name }) => ({ text: name, link: `/packages/${slug}` })),
  },
];

export default defineConfig({
  title: 'makemore-ts',
  description:
    'Character-level language models in TypeScript, from counting bigrams to a Transformer, after the makemore lectures.',
  srcDir,
  // _media holds files typedoc copied for links (rewritten to site pages); _*.md are generated includes.
  srcExclude: ['api/_media/**', '**/_*.md'],
  cleanUrls: true,
  lastUpdated: false,
  // The site has no external resources, so it works offline and in the e2e test's sandbox.
  head: [
    ['link', { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }],
    ['meta', { name: 'theme-color', content: '#3451b2' }],
  ],
  markdown: {
    config(md) {
      rewriteRepoLinks(md);
    },
  },
  themeConfig: {
    nav: [
      { text: 'Guide', link: '/guide/installation' },
      { text: 'Playground', link: '/playground' },
      { text: 'CLI', link: '/reference/cli' },
      { text: 'API', link: '/api/' },
    ],
    sidebar: {
      '/api/': [{ text: 'API reference', link: '/api/', items: apiSidebar() }, ...guide],
      '/': guide,
    },
    search: { provider: 'local' },
    outline: [2, 3],
  },
  vite: {
    plugins: [resolveFromApp(['vue', 'vue/server-renderer'])],
    // The playground's training worker imports modules (and gpu.js lazily): bundle it as an ES module chunk.
    worker: { format: 'es' },
    // The playground's charts load vega (through @makemore/plots) in the browser only; the server build,
    // which renders the pages once in Node, leaves it out (vega's Node build awaits the optional `canvas`).
    ssr: { external: ['vega', 'vega-lite'] },
    // Cross-origin isolation gives the worker SharedArrayBuffer, so the CPU backend can use more threads.
    // The dev server and `vite preview` send these; VitePress's own `serve()` ignores vite's preview
    // options, so scripts/site-server.mjs adds them there; a static host needs them configured.
    preview: { headers: CROSS_ORIGIN_ISOLATION },
    // The workspace packages are ESM in their dist folders; let Vite bundle them like any dependency.
    server: {
      fs: { allow: [fileURLToPath(new URL('../../..', import.meta.url))] },
      headers: CROSS_ORIGIN_ISOLATION,
    },
  },
});
