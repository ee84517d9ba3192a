import { describeRange, type HyperparameterSpecs, inRange } from '@makemore/models';

/** One input of the hyperparameter form, generated from a model's `HyperparameterSpec`. */
export interface HyperparameterField {
  /** The hyperparameter's name, as the CLI's flag and config.json spell it. */
  name: string;
  /** A number input, or a select when the spec lists the only allowed values. */
  kind: 'number' | 'select';
  /** The spec's default. */
  default: number;
  /** The input's `min`. */
  min: number;
  /** The input's `max`, absent when unbounded. */
  max: number | undefined;
  /** The input's `step`: 1 for integers, `any` for reals. */
  step: '1' | 'any';
  /** The select's options (empty for a number input). */
  options: readonly number[];
  /** What it controls and its range in words, for the label's title. */
  help: string;
}

/**
 * The form fields of a model's hyperparameters, in the spec's order: the same schema the CLI turns
 * into flags, so the page and `makemore train --help` agree on names, defaults, ranges and help.
 *
 * @param specs - the registry entry's `hyperparameters`
 * @param help - what each hyperparameter controls (the model's docs, `getModelDocs(name).hyperparameters`)
 * @returns one field per hyperparameter
 */
export function hyperparameterFields(
  specs: HyperparameterSpecs,
  help: Readonly<Record<string, string>>,
): HyperparameterField[] {
  return Object.entries(specs).map(([name, spec]) => ({
    name,
    kind: spec.values === undefined ? 'number' : 'select',
    default: spec.default,
    min: spec.min,
    max: spec.max,
    step: spec.type === 'int' ? '1' : 'any',
    options: spec.values ?? [],
    help: `${help[name]} (${describeRange(spec)})`,
  }));
}

/**
 * The defaults of every hyperparameter, the form's starting values.
 *
 * @param specs - the registry entry's `hyperparameters`
 * @returns name → default
 */
export function defaultHyperparameters(specs: HyperparameterSpecs): Record<string, number> {
  return Object.fromEntries(Object.entries(specs).map(([name, spec]) => [name, spec.default]));
}

/**
 * What is wrong with the form's values, one sentence per bad value, worded as the CLI words it, so the
 * page can say so before the worker starts.
 *
 * @param specs - the registry entry's `hyperparameters`
 * @param values - name → the input's value
 * @returns the problems; empty when every value is in its range
 */
export function hyperparameterProblems(
  specs: HyperparameterSpecs,
  values: Readonly<Record<string, unknown>>,
): string[] {
  return Object.entries(specs)
    .filter(([name, spec]) => !inRange(spec, values[name]))
    .map(([name, spec]) => `${name} must be ${describeRange(spec)}.`);
}
