import { DEFAULT_DATASET, type VocabLayout } from '@makemore/data';
import { type Command, InvalidArgumentError, Option } from 'commander';

/** Options every command that reads a dataset accepts. */
export interface DataOptions {
  /** Dataset name or file path. */
  data: string;
  /** Lower-case every item. */
  lowercase?: boolean;
}

/**
 * Adds `--data` and `--lowercase` to a command.
 *
 * @param command - the command to extend
 * @param required - whether `--data` must be given (otherwise it defaults to the built-in dataset)
 * @returns the same command
 */
export function addDataOptions(command: Command, required = false): Command {
  const data = new Option(
    '--data <name|file>',
    'a built-in dataset name or a text file with one item per line',
  );
  if (required) data.makeOptionMandatory();
  else data.default(DEFAULT_DATASET);
  return command.addOption(data).option('--lowercase', 'lower-case every item before use');
}

/**
 * The `--layout` option: how start and end of an item are marked in the vocabulary.
 *
 * @returns the option, defaulting to `shared`
 */
export function layoutOption(): Option {
  return new Option(
    '--layout <layout>',
    "boundary tokens: 'shared' (one '.' as makemore) or 'split' (<START>, <END>)",
  )
    .choices(['shared', 'split'])
    .default('shared');
}

/** Parses a layout name for places that take it outside `--layout`. */
export function parseLayout(raw: string): VocabLayout {
  if (raw !== 'shared' && raw !== 'split') throw new InvalidArgumentError("It must be 'shared' or 'split'.");
  return raw;
}
