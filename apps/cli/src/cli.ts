import { Command, CommanderError } from 'commander';
import { registerBigram } from './commands/bigram.js';
import { registerDatasets } from './commands/datasets.js';
import { registerEval } from './commands/eval.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerLrFind } from './commands/lr-find.js';
import { registerPlot } from './commands/plot.js';
import { registerSample } from './commands/sample.js';
import { registerScore } from './commands/score.js';
import { registerTrain } from './commands/train.js';
import { EXIT_OK, EXIT_USAGE, Interrupted, messageFor } from './errors.js';
import type { CommandContext } from './output.js';
import { CLI_VERSION } from './version.js';

async function buildProgram(argv: readonly string[], context: CommandContext): Promise<Command> {
  const program = new Command('makemore')
    .description('Train character-level language models on a file of words and make more things like them.')
    .version(CLI_VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    });
  registerDatasets(program, context);
  registerBigram(program, context);
  // The model registry pulls in the tensor core; only `train` needs it to build its flags and help.
  const models = argv.includes('train') ? await import('./training/registry-entries.js') : null;
  registerTrain(program, context, models?.registryEntries() ?? []);
  registerSample(program, context);
  registerScore(program, context);
  registerEval(program, context);
  registerPlot(program, context);
  await registerLrFind(program, context, argv);
  registerExport(program, context);
  registerImport(program, context);
  // Subcommands inherit exit override and output routing so that `makemore x --bad` exits 2 as well.
  for (const command of program.commands) {
    command
      .exitOverride()
      .configureOutput(program.configureOutput())
      .showHelpAfterError('(run with --help for usage)');
  }
  return program;
}

/**
 * Runs the `makemore` command line and returns its exit code instead of exiting, so tests and other
 * programs can call it.
 *
 * @param argv - arguments after the program name
 * @param context - streams and environment
 * @returns 0 on success, 2 on bad usage, 1 on a runtime failure
 */
export async function runCli(argv: readonly string[], context: CommandContext): Promise<number> {
  const program = await buildProgram(argv, context);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed its own message (or the help text) already.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    // An interrupt that wound down cleanly is news, not an error.
    context.stderr.write(
      error instanceof Interrupted ? `${messageFor(error)}\n` : `error: ${messageFor(error)}\n`,
    );
    const { exitCodeFor } = await import('./exit-codes.js');
    return exitCodeFor(error);
  }
}
