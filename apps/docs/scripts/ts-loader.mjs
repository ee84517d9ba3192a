// A Node module hook that runs the guide's TypeScript examples: each `.ts` file is stripped of its types
// by esbuild (the workspace's own devDependency) as it is loaded, so an example runs as written.
// Registered by run-example.mjs; Node 20 has no built-in way to run TypeScript.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

/**
 * Node's `load` hook: TypeScript files are transformed, everything else is left to Node.
 *
 * @param {string} url - the module's URL
 * @param {{ format?: string | null }} context - what Node knows about it
 * @param {(url: string, context: object) => Promise<object>} nextLoad - Node's own loader
 * @returns {Promise<object>} the module's source and format
 */
export async function load(url, context, nextLoad) {
  if (!url.startsWith('file:') || !url.endsWith('.ts')) return nextLoad(url, context);
  const path = fileURLToPath(url);
  const { code } = await transform(await readFile(path, 'utf8'), {
    loader: 'ts',
    format: 'esm',
    target: 'node20',
    sourcefile: path,
    sourcemap: 'inline',
  });
  return { format: 'module', source: code, shortCircuit: true };
}
