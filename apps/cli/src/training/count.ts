import { type SplitScheme, splitItems, type VocabLayout } from '@makemore/data';
import {
  COUNT_BIGRAM,
  trainCountModel as countModelDirectory,
  encodeModelDirectory,
  loadCountModel,
  splitLosses,
} from '@makemore/train';
import { writeModelDirectory } from '../model-store.js';
import { type CommandContext, formatCount, writeJsonLine } from '../output.js';
import { finishTraining } from './finish.js';
import type { TrainingData } from './training-data.js';

/** What `train --model bigram` and `train --model ngram` need. */
export interface CountTrainRequest {
  /** `bigram` or `ngram`. */
  model: string;
  /** The n-gram order (read only for `ngram`). */
  n: number;
  /** The loaded data. */
  data: TrainingData;
  /** The model directory to write. */
  out: string;
  /** How to split the items; `'none'` counts every item, as the lecture does. */
  scheme: SplitScheme;
  /** Seed of the split and the samples. */
  seed: number;
  /** Vocabulary layout. */
  layout: VocabLayout;
  /** Add-α smoothing. */
  smoothing: number;
  /** Samples to print at the end. */
  samples: number;
  /** JSON lines. */
  json: boolean;
}

const show = (value: number | null) => (value === null ? 'n/a' : value.toFixed(4));

/**
 * Counts the bigrams (or n-grams) of the training items, writes the model directory atomically, reports the loss
 * on each non-empty split and prints samples.
 *
 * @param request - data, split, layout and output
 * @param context - streams
 */
export async function trainCountModel(request: CountTrainRequest, context: CommandContext): Promise<void> {
  const started = performance.now();
  const { items, data } = request.data;
  const split = splitItems(items, { seed: request.seed, scheme: request.scheme });
  if (request.json) {
    writeJsonLine(context.stdout, {
      event: 'start',
      model: request.model,
      source: data.source,
      items: items.length,
      split: request.scheme,
      train: split.train.length,
      val: split.val.length,
      test: split.test.length,
    });
  } else {
    const parts =
      request.scheme === 'none'
        ? 'all in training, no held-out split'
        : `train ${formatCount(split.train.length)}, val ${formatCount(split.val.length)}, test ${formatCount(split.test.length)}`;
    context.stdout.write(
      `training ${request.model === COUNT_BIGRAM ? COUNT_BIGRAM : `${request.n}-gram`} on ${data.source}: ${formatCount(items.length)} items (${parts})\n`,
    );
  }
  const counted = {
    split,
    scheme: request.scheme,
    items,
    data,
    layout: request.layout,
    smoothing: request.smoothing,
    seed: request.seed,
  };
  const directory = countModelDirectory({ ...counted, model: request.model, n: request.n });
  await writeModelDirectory(request.out, encodeModelDirectory(directory));
  const model = loadCountModel(directory);
  const summary = {
    ...(await splitLosses(model, split)),
    steps: 0,
    seconds: (performance.now() - started) / 1000,
  };
  if (!request.json) {
    context.stdout.write(
      `loss (average NLL per token): train ${show(summary.train)}, val ${show(summary.val)}, test ${show(summary.test)}\n`,
    );
  }
  await finishTraining(model, split, summary, request, context);
}
