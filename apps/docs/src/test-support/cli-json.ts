import { execFileSync } from 'node:child_process';
import { CLI_BIN } from '../../scripts/cli-reference.mjs';

/**
 * Runs the built makemore CLI (`apps/cli/dist`) with `--json` added after `args`, as a reader of the
 * docs would run it, and parses the JSON object on each line it prints. Throws if the CLI fails.
 */
export function cliJson<T = Record<string, unknown>>(args: readonly string[]): T[] {
  return execFileSync(process.execPath, [CLI_BIN, ...args, '--json'], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as T);
}
