// Runs one example of the guide, as its chapter says:
//
//   pnpm --filter @makemore/docs example counting-bigrams
//
// (from the repository root, after `pnpm install` and `pnpm build`). Every value is printed on one
// line, as the guide's output blocks show it.
import { existsSync, readdirSync } from 'node:fs';
import { register } from 'node:module';
import { inspect } from 'node:util';

const examplesDir = new URL('../examples/', import.meta.url);
const name = process.argv[2]?.replace(/\.ts$/, '');
const file = name === undefined ? undefined : new URL(`${name}.ts`, examplesDir);
if (file === undefined || !existsSync(file)) {
  const known = readdirSync(examplesDir)
    .filter((entry) => entry.endsWith('.ts'))
    .map((entry) => entry.replace(/\.ts$/, ''));
  console.error(
    `${name === undefined ? 'Name an example' : `There is no example named '${name}'`}; the guide's examples are: ${known.join(', ')}.`,
  );
  process.exit(2);
}
inspect.defaultOptions.breakLength = Number.POSITIVE_INFINITY;
register('./ts-loader.mjs', import.meta.url);
await import(file.href);
