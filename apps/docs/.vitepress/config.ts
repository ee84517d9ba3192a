import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type DefaultTheme, defineConfig } from 'vitepress';
import { documentedPackages } from '../scripts/package-pages.mjs';
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

// Other notes in docs/ (benchmark results, reliability, releasing, ...), titled by their first heading.
function topLevelPages(): DefaultTheme.SidebarItem[] {
  const listed = new Set(['index.md', 'playground.md', 'architecture.md']);
  return readdirSync(srcDir)
    .filter((name) => name.endsWith('.md') && !listed.has(name))
    .sort()
    .map((name) => {
      const title = /^# (.+)$/m.exec(readFileSync(`${srcDir}/${name}`, 'utf8'))?.[1] ?? name;
      return { text: title, link: `/${name.replace(/\.md$/, '')}` };
    });
}

const guide: DefaultTheme.SidebarItem[] = [
  {
    text: 'Guide',
    items: [{ text: 'Installation', link: '/guide/installation' }],
  },
  {
    // Chapters 1–6 follow the course lecture on makemore, cell by cell, on names.txt.
    text: 'The lecture',
    items: [
      { text: '1. Counting bigrams', link: '/guide/counting-bigrams' },
      { text: '2. Probabilities and sampling', link: '/guide/probabilities-and-sampling' },
      { text: '3. Likelihood and smoothing', link: '/guide/likelihood-and-smoothing' },
      { text: '4. The neural bigram', link: '/guide/neural-bigram' },
      { text: '5. The MLP', link: '/guide/mlp' },
      { text: '6. Mini-batches', link: '/guide/mini-batches' },
    ],
  },
  {
    text: 'After the lecture',
    items: [
      { text: '7. The model ladder', link: '/guide/deeper-models' },
      { text: '8. Initialisation and BatchNorm', link: '/guide/batchnorm' },
      { text: '9. WaveNet', link: '/guide/wavenet' },
      { text: '10. RNN and GRU', link: '/guide/rnn-gru' },
      { text: '11. The Transformer', link: '/guide/transformer' },
      { text: 'Saving and loading models', link: '/guide/model-directories' },
    ],
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
    // The workspace packages are ESM in their dist folders; let Vite bundle them like any dependency.
    server: { fs: { allow: [fileURLToPath(new URL('../../..', import.meta.url))] } },
  },
});
