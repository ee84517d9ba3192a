import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import * as api from './index.js';
import * as testingApi from './testing/index.js';

// The README's examples and every `@example` block in the TSDoc are run as written, so the
// documentation cannot drift from the code.

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..');
const outDir = join(pkg, 'node_modules', '.cache', 'doc-examples');

function codeBlocks(text: string): string[] {
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
}

function tsdocExamples(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const blocks: string[] = [];
  for (const m of text.matchAll(/@example\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/g)) {
    blocks.push(m[1]!.replace(/^\s*\* ?/gm, ''));
  }
  return blocks;
}

async function runModule(name: string, code: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${name}.ts`);
  writeFileSync(file, code);
  await import(/* @vite-ignore */ file);
}

describe('README examples', () => {
  const blocks = codeBlocks(readFileSync(join(pkg, 'README.md'), 'utf8'));
  test('there are examples to run', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(2);
  });
  blocks.forEach((code, i) => {
    test(`README block ${i + 1} runs`, async () => {
      await runModule(`readme-${i + 1}`, code);
    });
  });
});

describe('TSDoc @example blocks', () => {
  const files = readdirSync(here, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.startsWith('test-support'));
  const examples = files.flatMap((f) =>
    tsdocExamples(join(here, f)).map((code, i) => ({ name: `${f}#${i + 1}`, code })),
  );
  test('the main entry points have examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
  });
  const names = [...Object.keys(api), ...Object.keys(testingApi)].filter((n) => n !== 'default');
  const prelude =
    `import { ${Object.keys(api).join(', ')} } from '@makemore/tensor';\n` +
    `import { ${Object.keys(testingApi).join(', ')} } from '@makemore/tensor/testing';\n` +
    `void [${names.join(', ')}];\n`;
  for (const ex of examples) {
    test(`${ex.name} runs`, async () => {
      await runModule(ex.name.replace(/[^\w]/g, '_'), `${prelude}${ex.code}\n`);
    });
  }
});
