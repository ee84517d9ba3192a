import type { HyperparameterSpec, ModelDocs, ModelEntry } from '@makemore/models';
import { Option } from 'commander';
import { COUNT_BIGRAM, COUNT_NGRAM, DEFAULT_NGRAM_ORDER } from '../count-model-names.js';
import { integerAtLeast, numberAtLeast } from '../options.js';
import { formatCount } from '../output.js';

/**
 * A registry entry with its docs (`getModelDocs`): the flags come from the entry, their help and the
 * models' lines of `--help` from the docs.
 */
export type DocumentedEntry = ModelEntry & { readonly docs: ModelDocs };

/** A hyperparameter flag of `train`, derived from the registry's schemas. */
export interface HyperparameterFlag {
  /** The hyperparameter's key in the registry, e.g. `nEmbd2`. */
  key: string;
  /** The flag, e.g. `--n-embd2`. */
  flag: string;
  /** The models that take it. */
  models: string[];
}

/** `nEmbd2` → `--n-embd2`. */
export const flagOf = (key: string): string => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * One flag per hyperparameter that any registered model takes, in the order the models list them, so
 * a new model's hyperparameters become flags without touching the CLI.
 *
 * @param entries - the registry's entries
 */
export function hyperparameterFlags(entries: readonly ModelEntry[]): HyperparameterFlag[] {
  const flags = new Map<string, HyperparameterFlag>();
  for (const entry of entries) {
    for (const key of Object.keys(entry.hyperparameters)) {
      const flag = flags.get(key) ?? { key, flag: flagOf(key), models: [] };
      flag.models.push(entry.name);
      flags.set(key, flag);
    }
  }
  return [...flags.values()];
}

/**
 * The commander parser of a flag that the models of `specs` share: a whole number where every spec
 * says `int`, of at least the smallest `min`. The chosen model's own range (a positive `blockSize` for
 * mlp, a power of 2 for wavenet) is checked against its spec when the hyperparameters are resolved.
 */
function parserOf(specs: readonly HyperparameterSpec[]): (raw: string) => number {
  const min = Math.min(...specs.map((spec) => spec.min));
  return specs.every((spec) => spec.type === 'int') ? integerAtLeast(min) : numberAtLeast(min);
}

/**
 * The commander options for {@link hyperparameterFlags}, parsed as their specs say (see
 * {@link parserOf}); the help names the models that take each and says what it controls (in the
 * first such model's words).
 *
 * @param entries - the registry's entries with their docs
 */
export function hyperparameterOptions(entries: readonly DocumentedEntry[]): Option[] {
  return hyperparameterFlags(entries).map(({ key, flag, models }) => {
    const taking = entries.filter((entry) => key in entry.hyperparameters);
    const specs = taking.map((entry) => entry.hyperparameters[key]!);
    return new Option(
      `${flag} <n>`,
      `${models.join(', ')}: ${taking[0]!.docs.hyperparameters[key]}`,
    ).argParser(parserOf(specs));
  });
}

/**
 * The `Models:` section of `train --help`: each model with what it is, its hyperparameters and
 * their defaults, and its recipe's defaults.
 *
 * @param entries - the registry's entries with their docs
 */
export function modelsHelp(entries: readonly DocumentedEntry[]): string {
  const lines = [
    `  ${COUNT_BIGRAM}: count-based bigram with add-alpha smoothing (lecture 1)`,
    '    --smoothing 1, --layout shared, --split none',
    `  ${COUNT_NGRAM}: count-based n-gram with add-alpha smoothing, no backoff (the lecture's exercise)`,
    `    --n ${DEFAULT_NGRAM_ORDER}, --smoothing 1, --layout shared, --split none`,
  ];
  for (const entry of entries) {
    const hyper = Object.entries(entry.hyperparameters).map(
      ([key, spec]) =>
        `${flagOf(key)} ${spec.fromData && spec.default === 0 ? 'longest item + 1' : spec.default}`,
    );
    const r = entry.recipe;
    lines.push(
      `  ${entry.name}: ${entry.docs.title}`,
      `    ${hyper.join(', ')}`,
      `    --steps ${formatCount(r.steps)}, --batch-size ${r.batchSize === 0 ? 'full' : r.batchSize}, --lr ${r.lr}` +
        `${r.lrDecayAt === null ? '' : `, --lr-decay-at ${formatCount(r.lrDecayAt)}`}, --eval-every ${formatCount(r.evalEvery)}, ` +
        `--split ${r.split}, ${r.optimizer}${r.weightDecay > 0 ? ` weight decay ${r.weightDecay}` : ''}`,
    );
  }
  return lines.join('\n');
}
