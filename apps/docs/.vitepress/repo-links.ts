import type { MarkdownRenderer } from 'vitepress';

/**
 * Where a link of a package README (included into the site) points on the site, or undefined to
 * leave it alone. READMEs link relative to their package folder on GitHub: `../../README.md` is the
 * repository's README (the site's home), `../tensor` or `../tensor/README.md` a sibling package (with
 * its `#section`, if any).
 * typedoc copies the files READMEs link to into `api/_media/`, so those links are mapped too.
 *
 * @param href - the link target
 * @returns the site path, or undefined
 */
export function siteLinkFor(href: string): string | undefined {
  if (href === '../../README.md' || /(^|\/)_media\/README\.md$/.test(href)) return '/';
  if (href === 'docs/architecture.md') return '/architecture';
  // A link may name a section of the README: `../train/README.md#quick-start`.
  const sibling = /^(?:\.\.\/\.\.\/packages\/|\.\.\/)([a-z][\w-]*)\/?(?:README\.md)?(#[\w-]+)?$/.exec(href);
  if (sibling !== null) return `/packages/${sibling[1]}${sibling[2] ?? ''}`;
  return undefined;
}

/**
 * Adds a markdown-it core rule that rewrites links from included READMEs to pages of the site.
 *
 * @param md - VitePress's markdown-it instance
 */
export function rewriteRepoLinks(md: MarkdownRenderer): void {
  md.core.ruler.push('makemore-repo-links', (state) => {
    for (const token of state.tokens) {
      for (const child of token.children ?? []) {
        if (child.type !== 'link_open') continue;
        const href = child.attrGet('href');
        const target = href === null ? undefined : siteLinkFor(href);
        if (target !== undefined) child.attrSet('href', target);
      }
    }
  });
}
