import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, cliReference, commandsOf, runCli } from '../scripts/cli-reference.mjs';

// The CLI reference page is generated from the built CLI's --help at build time; check the generator
// finds every command and quotes each help verbatim.
describe.skipIf(!existsSync(CLI_BIN) && process.env['CI'] !== 'true')('CLI reference', () => {
  it('has a section with the verbatim --help of every command', () => {
    const page = cliReference();
    const commands = commandsOf(runCli(['--help']));
    expect(commands).toEqual(expect.arrayContaining(['train', 'sample', 'score', 'eval']));
    for (const command of commands)
      expect(page).toContain(`## makemore ${command}\n\n\`\`\`text\nUsage: makemore ${command}`);
    // Spawning Node is slow on a busy machine: compare two helps in full.
    for (const command of ['train', 'sample']) expect(page).toContain(runCli([command, '--help']).trimEnd());
  });

  it('reads the command list from commander help', () => {
    const help =
      'Usage: x\n\nCommands:\n  a [options]   does a\n                continued\n  b-c <x>       does b\n  help [command]  help\n';
    expect(commandsOf(help)).toEqual(['a', 'b-c']);
  });
});
