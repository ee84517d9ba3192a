import { type DataSplit, fingerprintItems, loadEmbeddedDataset, splitItems, Vocab } from '@makemore/data';
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
