import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SIXTY_NAMES } from '../../../../../../packages/data/src/test-support/short-names.js';
import { CLI_BIN } from '../../../../scripts/cli-reference.mjs';

/** Whether the CLI is built (`apps/cli/dist`), so that tests can train models with it. */
export const HAVE_CLI = existsSync(CLI_BIN);

/** A dozen names: enough for every model to train a few steps in well under a second. */
export const TINY_NAMES: readonly string[] = SIXTY_NAMES.slice(0, 12);

/** A folder of model directories trained by the built CLI, removed by {@link CliModels.remove}. */
export class CliModels {
  /** The folder; each model is trained into `<root>/<model>`, with `names.txt` beside them. */
  readonly root = mkdtempSync(join(tmpdir(), 'makemore-docs-model-io-'));

  constructor() {
    writeFileSync(join(this.root, 'names.txt'), `${TINY_NAMES.join('\n')}\n`);
  }

  /**
   * Trains `model` on the tiny names with `makemore train` (a few steps for a neural model) once.
   *
   * @param model - a model type the CLI trains
   * @returns the model directory's path
   */
  train(model: string): string {
    const dir = join(this.root, model);
    if (existsSync(dir)) return dir;
    const neural =
      model === 'bigram' || model === 'ngram' ? [] : ['--steps', '5', '--batch-size', '4', '--device', 'cpu'];
    execFileSync(
      process.execPath,
      [
        CLI_BIN,
        'train',
        '--model',
        model,
        '--data',
        'names.txt',
        '--out',
        model,
        '--samples',
        '0',
        '--quiet',
        ...neural,
      ],
      { cwd: this.root, encoding: 'utf8' },
    );
    return dir;
  }

  /**
   * Runs the CLI in the folder with `--json` and parses each line it prints.
   *
   * @param args - the arguments
   */
  json<T>(args: readonly string[]): T[] {
    return execFileSync(process.execPath, [CLI_BIN, ...args, '--json'], { cwd: this.root, encoding: 'utf8' })
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as T);
  }

  /** Deletes the folder. */
  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/**
 * Every file of a directory, by name.
 *
 * @param dir - the directory
 */
export function readDirectory(dir: string): Map<string, Uint8Array> {
  return new Map(readdirSync(dir).map((name) => [name, new Uint8Array(readFileSync(join(dir, name)))]));
}
