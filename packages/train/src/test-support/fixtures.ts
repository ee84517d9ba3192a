import { type DataSplit, fingerprintItems, loadEmbeddedDataset, splitItems, Vocab } from '@makemore/data';
import type { Hyperparameters, ModelEntry } from '@makemore/models';
import type { DataInfo, TrainingEvent } from '../index.js';

/** A few hundred real names, split 80/10/10, with their vocabulary and provenance. */
export async function smallNames(
  count = 400,
  seed = 42,
): Promise<{ items: string[]; split: DataSplit; vocab: Vocab; data: DataInfo }> {
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
