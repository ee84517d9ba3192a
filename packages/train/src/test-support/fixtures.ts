import { type DataSplit, fingerprintItems, loadEmbeddedDataset, splitItems, Vocab } from '@makemore/data';
import type { Hyperparameters, ModelEntry } from '@makemore/models';
import {
  createTrainingRun,
  type DataInfo,
  type TrainingEvent,
  type TrainingRun,
  type TrainingSetup,
  type TrainOptions,
} from '../index.js';

/** What {@link smallNames} gives: the items, their split, vocabulary and provenance. */
export interface SmallNames {
  items: string[];
  split: DataSplit;
  vocab: Vocab;
  data: DataInfo;
}

/** A few hundred real names, split 80/10/10, with their vocabulary and provenance. */
export async function smallNames(count = 400, seed = 42): Promise<SmallNames> {
  const items = loadEmbeddedDataset('first-names').slice(0, count);
  return {
    items,
    split: splitItems(items, { seed }),
    vocab: Vocab.fromItems(items),
    data: { source: 'first-names', fingerprint: await fingerprintItems(items), items: items.length },
  };
}

/** Collects events and saved checkpoints. */
export function recorder() {
  const events: TrainingEvent[] = [];
  const saves: Map<string, Uint8Array>[] = [];
  return {
    events,
    saves,
    onEvent: (e: TrainingEvent) => {
      events.push(e);
    },
    save: async (files: Map<string, Uint8Array>) => {
      saves.push(files);
    },
    losses: () => events.flatMap((e) => (e.event === 'step' ? [[e.step, e.loss] as const] : [])),
  };
}

/** A training setup less the data, which {@link runOn} fills in (a setup may still bring its own split). */
export type SetupOnNames = Omit<TrainingSetup, 'split' | 'vocab' | 'data'> &
  Partial<Pick<TrainingSetup, 'split'>>;

/** `createTrainingRun` on the split, vocabulary and provenance of a {@link smallNames} fixture. */
export function runOn(names: SmallNames, setup: SetupOnNames): TrainingRun {
  const { split, vocab, data } = names;
  return createTrainingRun({ split, vocab, data, ...setup });
}

/**
 * Trains a run of {@link runOn} to its end, saving checkpoints, and returns the run with the files of
 * the last checkpoint (a complete model directory).
 */
export async function trainAndSave(
  names: SmallNames,
  setup: SetupOnNames,
): Promise<{ run: TrainingRun; files: Map<string, Uint8Array> }> {
  const rec = recorder();
  const run = runOn(names, setup);
  await run.train({ save: rec.save });
  return { run, files: rec.saves.at(-1)! };
}

/**
 * Trains a run of {@link runOn} to its end with a {@link recorder} taking every event and checkpoint,
 * and returns the run, the recorder and the done event.
 */
export async function trainRecorded(
  names: SmallNames,
  setup: SetupOnNames,
  options: Omit<TrainOptions, 'onEvent' | 'save'> = {},
) {
  const rec = recorder();
  const run = runOn(names, setup);
  const done = await run.train({ onEvent: rec.onEvent, save: rec.save, ...options });
  return { run, rec, done };
}

/**
 * Small hyperparameters for a quick test of any registered model, read from its specs' ranges: the
 * smallest listed value, a data-derived block size as it is, sizes of at most 8 (so that, say, 8
 * embedding dimensions split into the transformer's 4 heads) and coefficients at their defaults.
 */
export function smallHyperparameters(entry: ModelEntry): Hyperparameters {
  return Object.fromEntries(
    Object.entries(entry.hyperparameters).map(([key, spec]) => {
      if (spec.values !== undefined) return [key, spec.values[0]!];
      if (spec.type === 'number' || spec.fromData) return [key, spec.default];
      return [key, Math.max(spec.min, Math.min(spec.default, 8))];
    }),
  );
}
