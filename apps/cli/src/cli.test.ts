import { describe, expect, test } from 'vitest';
import { runCli, TRACE_IMPORTS } from './test-support/run-cli.js';

describe('makemore', () => {
  test('--help lists every command and exits 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    for (const command of [
      'datasets',
      'bigram',
      'train',
      'sample',
      'score',
      'eval',
      'plot',
      'export',
      'import',
    ])
      expect(stdout).toContain(command);
  });

  test.each(['datasets', 'bigram', 'train', 'sample', 'score', 'eval', 'plot', 'export', 'import'])(
    '%s --help exits 0 and shows its options',
    async (command) => {
      const { code, stdout } = await runCli([command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`Usage: makemore ${command}`));
      expect(stdout).toContain('--json');
    },
  );

  test.each([['--help'], ['sample', '--help'], ['datasets']])(
    '%s loads neither the tensor core, gpu.js, the models nor the training code',
    async (...args) => {
      const { code, stderr } = await runCli(args, { nodeOptions: ['--import', TRACE_IMPORTS] });
      expect(code).toBe(0);
      const loaded = stderr.split('\n').filter((line) => line.startsWith('import: '));
      expect(loaded.length).toBeGreaterThan(10);
      expect(loaded.filter((line) => /packages\/(tensor|gpu|nn|models|train|sampling)\//.test(line))).toEqual(
        [],
      );
    },
  );

  test('--version prints the package version', async () => {
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('an unknown command exits 2 with a message on stderr', async () => {
    const { code, stdout, stderr } = await runCli(['fly']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/unknown command 'fly'/);
  });

  test('an unknown flag exits 2', async () => {
    const { code, stderr } = await runCli(['datasets', '--colour']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/unknown option '--colour'/);
  });

  test('no command at all prints the help and exits 2', async () => {
    const { code, stderr } = await runCli([]);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: makemore');
  });
});

describe('makemore datasets', () => {
  test('lists the built-in datasets with the default marked', async () => {
    const { code, stdout } = await runCli(['datasets']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/first-names \(default\)\s+8,422 items/);
    expect(stdout).toMatch(/names\s+32,033 items\s+downloaded once/);
  });

  test('--json prints one object per dataset', async () => {
    const { stdout } = await runCli(['datasets', '--json']);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines.map((d) => d.name)).toEqual(['first-names', 'names']);
    expect(lines[0].default).toBe(true);
    expect(lines[1].remote.sha256).toBe('0a30b5557f192f32ab962680889aac5f6fda0f4cecf40a6d0b5694f58ea8cc4d');
  });
});
