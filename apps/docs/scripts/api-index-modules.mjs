// typedoc names the main module of a package with several entry points (e.g. @makemore/tensor's
// `.` and `./testing`) after its file, `index`; next to the package's own index.md it becomes
// `<package>/index-1.md`, titled "index". This renames it to `<package>/main.md`, titled
// "@makemore/<package>: main entry", and fixes every link to it.
import { existsSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';

/** @param {string} dir @returns {string[]} every file below dir */
function filesBelow(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [path];
  });
}

/**
 * @param {string} docsDir - the VitePress source folder holding `api/`
 * @returns {string[]} the packages whose main module was renamed
 */
export function renameIndexModules(docsDir) {
  const scopeDir = join(docsDir, 'api', '@makemore');
  if (!existsSync(scopeDir)) return [];
  const renamed = readdirSync(scopeDir).filter((pkg) => {
    const file = join(scopeDir, pkg, 'index-1.md');
    if (!existsSync(file)) return false;
    renameSync(file, join(scopeDir, pkg, 'main.md'));
    return true;
  });
  /** @type {Map<string, string>} old site path (no extension) → package */
  const moved = new Map(renamed.map((pkg) => [`api/@makemore/${pkg}/index-1`, pkg]));
  if (moved.size === 0) return renamed;
  for (const file of filesBelow(join(docsDir, 'api')).filter((f) => f.endsWith('.md'))) {
    const sitePath = relative(docsDir, file).split(sep).join('/');
    const fileDir = posix.dirname(sitePath);
    const text = readFileSync(file, 'utf8');
    let fixed = text.replace(/\[([^\]]*)\]\(([^)\s#]+)(#[^)]*)?\)/g, (link, label, target, hash = '') => {
      if (/^[a-z]+:/i.test(target)) return link;
      const resolved = (target.startsWith('/') ? target.slice(1) : posix.join(fileDir, target)).replace(
        /\.md$/,
        '',
      );
      const pkg = moved.get(resolved);
      if (pkg === undefined) return link;
      return `[${label === 'index' ? 'main entry' : label}](/api/@makemore/${pkg}/main.md${hash})`;
    });
    const own = [...moved.values()].find((pkg) => sitePath === `api/@makemore/${pkg}/main.md`);
    if (own !== undefined) {
      fixed = fixed
        .replace(/ \/ index$/m, ' / main entry')
        .replace(/^# index$/m, `# @makemore/${own}: main entry`);
    }
    if (fixed !== text) writeFileSync(file, fixed);
  }
  const sidebarFile = join(docsDir, 'api', 'typedoc-sidebar.json');
  let sidebar = readFileSync(sidebarFile, 'utf8');
  for (const [old, pkg] of moved) {
    sidebar = sidebar
      .replaceAll(`{"text":"index","link":"/${old}.md"}`, `{"text":"main entry","link":"/${old}.md"}`)
      .replaceAll(`/${old}.md`, `/api/@makemore/${pkg}/main.md`);
  }
  writeFileSync(sidebarFile, sidebar);
  return renamed;
}
