import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The guide links to entries of the generated API reference by anchor (`/api/@makemore/bigram#bigrammodel`);
// VitePress checks that the page exists but not the anchor. This checks both in the built site.
const distDir = fileURLToPath(new URL('../.vitepress/dist/', import.meta.url));
const built = existsSync(join(distDir, 'index.html'));
if (!built)
  console.warn('skipping the API link check: build the site first (pnpm --filter @makemore/docs build)');

describe.skipIf(!built && process.env['CI'] !== 'true')('links from the guide into the API reference', () => {
  it('point at pages and anchors that exist', () => {
    const guideDir = join(distDir, 'guide');
    const checked: string[] = [];
    const missing: string[] = [];
    for (const name of readdirSync(guideDir).filter((n) => n.endsWith('.html'))) {
      const html = readFileSync(join(guideDir, name), 'utf8');
      for (const [, href] of html.matchAll(/href="(\/api\/[^"]*)"/g)) {
        const [path, anchor] = decodeURIComponent(href!).split('#') as [string, string | undefined];
        const file = path.endsWith('/') ? join(distDir, path, 'index.html') : join(distDir, `${path}.html`);
        checked.push(href!);
        if (!existsSync(file)) missing.push(`guide/${name}: ${href} (no page)`);
        else if (anchor !== undefined && !readFileSync(file, 'utf8').includes(`id="${anchor}"`)) {
          missing.push(`guide/${name}: ${href} (no such entry)`);
        }
      }
    }
    expect(checked.length).toBeGreaterThan(20);
    expect(missing).toEqual([]);
  });
});
