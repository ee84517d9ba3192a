import type { CommandContext } from '../output.js';

/** A command's code: what runs with the parsed options once the command line names the command. */
export type CommandRun<O> = (options: O, context: CommandContext) => Promise<void>;

/**
 * A command action that imports the command's code only when the command runs, so that `--help` and
 * the other commands do not load it.
 *
 * @param load - imports the code, e.g. `async () => (await import('./plot-run.js')).runPlot`
 * @param context - streams, environment and the interrupt signal, passed on to the code
 * @returns the action for commander
 */
export function lazyAction<O>(
  load: () => Promise<CommandRun<O>>,
  context: CommandContext,
): (options: O) => Promise<void> {
  return async (options) => {
    const run = await load();
    await run(options, context);
  };
}
