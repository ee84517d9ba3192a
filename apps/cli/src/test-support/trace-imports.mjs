// Preloaded with `node --import` by the CLI tests: prints every module URL the program loads to
// stderr (one `import: <url>` line each), so a test can tell which packages a command pulled in.
import { register } from 'node:module';

const hook = `
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  console.error('import: ' + result.url);
  return result;
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
