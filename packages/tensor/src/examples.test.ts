import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { testReadmeExample } from '../../../tests/support/readme-example.js';
import * as api from './index.js';
import * as testingApi from './testing/index.js';

// The documentation cannot drift from the code: the README quotes the examples in src/examples/,
// which run and print what their comments say, and every `@example` block in the TSDoc runs, with
// each result its comments state checked against the value the code computes.

describe('README example: the lecture MLP', () => {
  testReadmeExample(
    new URL('./examples/readme.ts', import.meta.url),
    '@makemore/tensor',
    () => import('./examples/readme.js'),
  );
});

describe('README example: the testing helpers', () => {
  testReadmeExample(
    new URL('./examples/testing.ts', import.meta.url),
    '@makemore/tensor',
    () => import('./examples/testing.js'),
  );
});

const here = dirname(fileURLToPath(import.meta.url));
const outDir = join(here, '..', 'node_modules', '.cache', 'doc-examples');

function tsdocExamples(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const blocks: string[] = [];
  for (const m of text.matchAll(/@example\n\s*\* ```ts\n([\s\S]*?)\n\s*\* ```/g)) {
    blocks.push(m[1]!.replace(/^\s*\* ?/gm, ''));
  }
  return blocks;
}

/**
 * A result an example states: a statement line ending in `// <value>`, where the value is a
 * JavaScript literal (a number, string, boolean, or arrays and objects of them), or `≈ <value>` for
 * numbers good to the decimals written; prose may follow it after a space, comma or colon. A comment
 * that starts otherwise is prose.
 */
interface Claim {
  /** The line, for the failure message. */
  line: string;
  /** The value as written. */
  expected: string;
  /** Whether the numbers are rounded (`≈`). */
  approximate: boolean;
}

const CLAIM =
  /^(\s*)(?:(const|let)\s+(\w+)\s*=\s*)?(.+?);\s*\/\/\s*(≈\s*)?((?:[[{'"\d-]|true\b|false\b|null\b).*)$/;

/** The literal that `text` starts with: up to its matching bracket or quote, or one scalar token. */
function literalPrefix(text: string): string {
  const open = text[0]!;
  if (!'[{\'"'.includes(open)) return /^[^\s,:;]+/.exec(text)![0];
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '[' || c === '{') depth++;
    else if (c === ']' || c === '}') depth--;
    if (!quote && depth === 0) return text.slice(0, i + 1);
  }
  return text;
}

/**
 * The example with every claimed result recorded: `expr; // v` becomes `__claims.push(expr);`, and
 * `const x = expr; // v` is followed by `__claims.push(x);`.
 */
function instrument(code: string): { code: string; claims: Claim[] } {
  const claims: Claim[] = [];
  const lines = code.split('\n').map((line) => {
    const m = CLAIM.exec(line);
    if (!m) return line;
    const [, indent, keyword, name, expr, approx, comment] = m;
    claims.push({ line: line.trim(), expected: literalPrefix(comment!), approximate: approx !== undefined });
    return name
      ? `${indent}${keyword} ${name} = ${expr}; __claims.push(${name});`
      : `${indent}__claims.push(${expr});`;
  });
  return { code: lines.join('\n'), claims };
}

/** A result as plain data: tensors as nested lists, typed and readonly arrays as arrays. */
function plain(v: unknown): unknown {
  if (v instanceof api.Tensor) return v.tolist();
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>);
  if (Array.isArray(v)) return v.map(plain);
  return v;
}

/** Rounds every number in `v` to `decimals` (and -0 to 0), for `≈` claims. */
function rounded(v: unknown, decimals: number): unknown {
  if (typeof v === 'number') return Number(v.toFixed(decimals)) + 0;
  if (Array.isArray(v)) return v.map((x) => rounded(x, decimals));
  return v;
}

function checkClaims(claims: readonly Claim[], values: readonly unknown[]): void {
  expect(values.length, 'every claimed line ran once').toBe(claims.length);
  claims.forEach((claim, i) => {
    let expected: unknown;
    try {
      expected = new Function(`return (${claim.expected});`)();
    } catch {
      throw new Error(`the comment of \`${claim.line}\` is not a value: ${claim.expected}`);
    }
    const actual = plain(values[i]);
    if (claim.approximate) {
      const decimals = Math.max(0, ...[...claim.expected.matchAll(/\.(\d+)/g)].map((m) => m[1]!.length));
      expect(rounded(actual, decimals), claim.line).toEqual(rounded(expected, decimals));
    } else expect(actual, claim.line).toEqual(expected);
  });
}

async function runModule(name: string, code: string): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, `${name}.ts`);
  writeFileSync(file, code);
  await import(/* @vite-ignore */ file);
}

/** Names an example imports itself, which the prelude must then leave to it. */
function importedNames(code: string): Set<string> {
  const names = new Set<string>();
  for (const m of code.matchAll(/import\s*\{([^}]*)\}\s*from/g)) {
    for (const n of m[1]!.split(','))
      names.add(
        n
          .replace(/^\s*type\s+/, '')
          .split(/\s+as\s+/)
          .pop()!
          .trim(),
      );
  }
  return names;
}

describe('TSDoc @example blocks', () => {
  const files = readdirSync(here, { recursive: true })
    .map(String)
    .filter(
      (f) =>
        f.endsWith('.ts') &&
        !f.endsWith('.test.ts') &&
        !f.startsWith('test-support') &&
        !f.startsWith('examples'),
    );
  const examples = files.flatMap((f) =>
    tsdocExamples(join(here, f)).map((code, i) => ({ name: `${f}#${i + 1}`, code })),
  );
  test('the main entry points have examples', () => {
    expect(examples.length).toBeGreaterThanOrEqual(6);
  });
  test('examples state results to check', () => {
    expect(examples.flatMap((ex) => instrument(ex.code).claims).length).toBeGreaterThanOrEqual(6);
  });
  for (const ex of examples) {
    test(`${ex.name} runs and computes what its comments say`, async () => {
      const own = importedNames(ex.code);
      const pick = (mod: object) => Object.keys(mod).filter((n) => n !== 'default' && !own.has(n));
      const [main, testing] = [pick(api), pick(testingApi)];
      const { code, claims } = instrument(ex.code);
      const values: unknown[] = [];
      (globalThis as { __claims?: unknown[] }).__claims = values;
      const prelude =
        `import { ${main.join(', ')} } from '@makemore/tensor';\n` +
        `import { ${testing.join(', ')} } from '@makemore/tensor/testing';\n` +
        `void [${[...main, ...testing].join(', ')}];\n` +
        'declare const __claims: unknown[];\n';
      try {
        await runModule(ex.name.replace(/[^\w]/g, '_'), `${prelude}${code}\n`);
      } finally {
        delete (globalThis as { __claims?: unknown[] }).__claims;
      }
      checkClaims(claims, values);
    });
  }
});
