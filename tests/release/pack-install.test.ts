import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { beforeAll, describe, expect, test } from 'vitest';
import { internalClosure, publishablePackages, ROOT } from './workspace-packages.js';

// Each package is packed as `pnpm publish` would pack it, installed with npm into a fresh project
// outside the workspace, and used the way its README says: its README example is compiled and run
// against the installed package, and must print what its comments say.
const packages = publishablePackages();
const work = mkdtempSync(join(tmpdir(), 'makemore-release-'));
const tarballs = new Map<string, string>();

function run(command: string, args: string[], cwd: string): string {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false' },
  });
  if (result.status !== 0)
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

function freshProject(name: string): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({ name: 'consumer', private: true, type: 'module' }),
  );
  return dir;
}

// Install scripts are skipped: the optional native `gl` binding of gpu.js would otherwise compile
// from source for minutes, and none of the examples needs it.
function install(dir: string, names: readonly string[], extra: string[] = []): void {
  const tarballPaths = names.map((n) => tarballs.get(n)!);
  run(
    'npm',
    ['install', '--no-package-lock', '--prefer-offline', '--ignore-scripts', ...extra, ...tarballPaths],
    dir,
  );
}

beforeAll(() => {
  const destination = join(work, 'tarballs');
  mkdirSync(destination);
  for (const pkg of packages) {
    run('pnpm', ['pack', '--pack-destination', destination], pkg.dir);
    const file = join(destination, `${pkg.name.replace('@', '').replace('/', '-')}-${pkg.version}.tgz`);
    expect(existsSync(file), `${file} was not written`).toBe(true);
    tarballs.set(pkg.name, file);
  }
});

describe.each(packages.filter((p) => p.manifest['bin'] === undefined))('$name from its tarball', (pkg) => {
  test('ships only dist, README, LICENSE and a package.json without workspace ranges', () => {
    const listing = execFileSync('tar', ['-tzf', tarballs.get(pkg.name)!], { encoding: 'utf8' })
      .trim()
      .split('\n');
    for (const path of listing)
      expect(path).toMatch(/^package\/(dist\/.+|README\.md|LICENSE|CHANGELOG\.md|package\.json)$/);
    expect(listing.some((path) => path.endsWith('.test.js'))).toBe(false);
    const manifest = execFileSync('tar', ['-xzOf', tarballs.get(pkg.name)!, 'package/package.json'], {
      encoding: 'utf8',
    });
    expect(manifest).not.toContain('workspace:');
  });

  test('its README examples run against the installed package and print what they say', () => {
    // Runnable examples are the README's `ts` blocks that import a package; others are type sketches.
    const readme = readFileSync(join(pkg.dir, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
      .map((m) => m[1]!)
      .filter((code) => /from '@makemore\//.test(code));
    expect(blocks.length, 'the README has at least one runnable example').toBeGreaterThan(0);
    const imported = blocks.flatMap((code) =>
      [...code.matchAll(/from '(@makemore\/[a-z-]+)/g)].map((m) => m[1]!),
    );
    const needed = new Set([pkg.name, ...imported].flatMap((name) => internalClosure(name, packages)));
    const dir = freshProject(pkg.name.replace('/', '-'));
    install(dir, [...needed]);
    blocks.forEach((code, i) => {
      const js = ts.transpileModule(code, {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      }).outputText;
      writeFileSync(join(dir, `example-${i}.mjs`), js);
      const printed = run(process.execPath, [`example-${i}.mjs`], dir)
        .trimEnd()
        .split('\n');
      const promised = [...code.matchAll(/console\.log\(.*\); \/\/ (.*)$/gm)].map((m) => m[1]);
      // Where the example says what it prints, it must print exactly that.
      if (promised.length > 0) expect(printed).toEqual(promised);
    });
  });
});

// What a new user does: an empty npm project with only the packages the one-call API needs (no
// optional dependencies, so no gpu.js), a script that trains, samples, scores, saves and loads, in
// ESM and through require(), reading the files back with fs.readFile's Buffers and with the Node
// helpers.
describe('a new project that installs @makemore/train and @makemore/data', () => {
  const script = (load: (name: string) => string) => `
${load('node:fs/promises')}
${load('@makemore/data')}
${load('@makemore/train')}
${load('@makemore/train/node')}
const main = async () => {
  const names = loadEmbeddedDataset('first-names').slice(0, 600);
  const model = await trainModel(names, { model: 'mlp', steps: 300, seed: 1 });
  const { items } = await model.sample({ count: 5, seed: 3 });
  const [emma] = await model.score(['emma']);
  await writeModelDirectory('model', model.save());
  const buffers = new Map([
    ['config.json', await readFile('model/config.json')],
    ['model.safetensors', await readFile('model/model.safetensors')],
  ]);
  const fromBuffers = loadModel(buffers);
  const fromHelper = loadModel(await readModelDirectory('model'));
  const bigram = await trainModel(names, { model: 'bigram' });
  console.log(JSON.stringify({
    items,
    emma: emma.logLikelihood,
    fromBuffers: (await fromBuffers.sample({ count: 5, seed: 3 })).items,
    fromBuffersEmma: (await fromBuffers.score(['emma']))[0].logLikelihood,
    fromHelper: (await fromHelper.sample({ count: 5, seed: 3 })).items,
    bigram: (await loadModel(bigram.save()).sample({ count: 3, seed: 1 })).items,
  }));
};
main();
`;
  const names: Record<string, string> = {
    'node:fs/promises': 'readFile',
    '@makemore/data': 'loadEmbeddedDataset',
    '@makemore/train': 'loadModel, trainModel',
    '@makemore/train/node': 'readModelDirectory, writeModelDirectory',
  };
  let dir: string;

  beforeAll(() => {
    dir = freshProject('one-call');
    install(
      dir,
      // @makemore/data, which the script imports too, is one of train's dependencies.
      internalClosure('@makemore/train', packages),
      ['--omit=optional'],
    );
    writeFileSync(
      join(dir, 'esm.mjs'),
      script((name) => `import { ${names[name]} } from '${name}';`),
    );
    writeFileSync(
      join(dir, 'cjs.cjs'),
      script((name) => `const { ${names[name]} } = require('${name}');`),
    );
  });

  test('gpu.js is not installed: nothing the one-call path needs is optional', () => {
    expect(existsSync(join(dir, 'node_modules', 'gpu.js'))).toBe(false);
  });

  test.each(['esm.mjs', 'cjs.cjs'])('%s trains, samples, scores, saves and loads back', (file) => {
    const result = JSON.parse(run(process.execPath, [file], dir));
    expect(result.items).toHaveLength(5);
    for (const item of result.items) expect(item).toMatch(/^[a-z]*$/);
    expect(result.fromBuffers).toEqual(result.items);
    expect(result.fromHelper).toEqual(result.items);
    expect(result.fromBuffersEmma).toBe(result.emma);
    expect(result.emma).toBeLessThan(0);
    expect(result.bigram).toHaveLength(3);
  });

  test("the root README's JavaScript example runs as written", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const code = /## From JavaScript[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code, 'README.md has a ts block under "From JavaScript"').toBeDefined();
    const js = ts.transpileModule(
      `${code}\nconsole.log(JSON.stringify({ items, seed, type: again.type }));`,
      {
        compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
      },
    ).outputText;
    writeFileSync(join(dir, 'root-readme.mjs'), js);
    const result = JSON.parse(run(process.execPath, ['root-readme.mjs'], dir));
    expect(result.items).toHaveLength(5);
    expect(Number.isSafeInteger(result.seed)).toBe(true);
    expect(result.type).toBe('mlp');
  });

  test('ESM and require() give the same model and samples', () => {
    expect(run(process.execPath, ['cjs.cjs'], dir)).toBe(run(process.execPath, ['esm.mjs'], dir));
  });
});

// The published declarations as a strict TypeScript user meets them: every package's tarball installed,
// consumer/consumer.ts (options forwarded as `T | undefined`, as parsed flags are) compiled with
// `exactOptionalPropertyTypes` and `skipLibCheck: false` under each module resolution.
describe('the published types in a strict TypeScript project', () => {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const strict = ['--noEmit', '--strict', '--exactOptionalPropertyTypes', '--skipLibCheck', 'false'];
  const common = [
    ...strict,
    '--target',
    'es2022',
    '--types',
    'node',
    '--typeRoots',
    join(ROOT, 'node_modules', '@types'),
  ];
  let dir: string;

  beforeAll(() => {
    dir = freshProject('types');
    install(
      dir,
      packages.filter((p) => p.manifest['bin'] === undefined).map((p) => p.name),
    );
    writeFileSync(join(dir, 'consumer.ts'), readFileSync(join(ROOT, 'tests/release/consumer/consumer.ts')));
  });

  test.each([
    ['nodenext', ['--module', 'nodenext', '--moduleResolution', 'nodenext']],
    ['node16', ['--module', 'node16', '--moduleResolution', 'node16']],
    ['bundler', ['--module', 'esnext', '--moduleResolution', 'bundler']],
    ['node10', ['--module', 'commonjs', '--moduleResolution', 'node10', '--ignoreDeprecations', '6.0']],
  ])('compile under moduleResolution %s', (_name, flags) => {
    const result = spawnSync(process.execPath, [tsc, ...common, ...flags, 'consumer.ts'], {
      cwd: dir,
      encoding: 'utf8',
    });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  test('the tarballs ship no declaration maps pointing at unshipped sources', () => {
    for (const pkg of packages) {
      const listing = execFileSync('tar', ['-tzf', tarballs.get(pkg.name)!], { encoding: 'utf8' });
      expect(listing, pkg.name).not.toMatch(/\.d\.ts\.map$/m);
    }
  });
});

test('npm install -g of the CLI tarball gives a working makemore', () => {
  const cli = packages.find((p) => p.manifest['bin'] !== undefined)!;
  const prefix = join(work, 'global');
  install(work, internalClosure(cli.name, packages), ['-g', '--prefix', prefix]);
  const bin = join(prefix, 'bin', 'makemore');
  expect(run(bin, ['datasets'], work)).toContain('first-names (default)');
  const out = run(bin, ['train', '--out', join(work, 'model'), '--samples', '3'], work);
  expect(out).toMatch(/samples:\n( {2}.*\n){3}$/);
  expect(
    run(bin, ['sample', '--model-dir', join(work, 'model'), '-n', '2', '--json'], work)
      .trim()
      .split('\n'),
  ).toHaveLength(2);
});

test('pnpm publish -r --dry-run accepts every package', () => {
  const result = spawnSync('pnpm', ['publish', '-r', '--dry-run', '--no-git-checks'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  expect(result.status, result.stderr).toBe(0);
});
