import type { DataSplit } from '@makemore/data';
import { generate, type LanguageModel, noveltyReport } from '@makemore/sampling';
import { type CommandContext, writeJsonLine } from '../output.js';

/** The end of a training: the losses of the saved weights and where they went. */
export interface TrainingSummary {
  /** Mean loss per token on the training split. */
  train: number | null;
  /** On the validation split, null when there is none. */
  val: number | null;
  /** On the test split, null when there is none. */
  test: number | null;
  /** Steps trained (0 for the count bigram). */
  steps: number;
  /** Seconds the run took. */
  seconds: number;
}

/**
 * Ends a training run's output: a few samples, each marked as new or as found in the training data
 * as `makemore sample` marks them, then (with `--json`) the one `done` event, last.
 *
 * @param model - the trained model
 * @param split - the data it was trained on, for the novelty marks
 * @param summary - the done event's fields
 * @param options - how many samples, their seed, JSON or text, and the model directory written
 * @param context - streams
 */
export async function finishTraining(
  model: LanguageModel,
  split: DataSplit,
  summary: TrainingSummary,
  options: { samples: number; seed: number; json: boolean; out: string },
  context: CommandContext,
): Promise<void> {
  const drawn = await generate(model, { count: options.samples, seed: options.seed });
  const marked = noveltyReport(drawn, split).samples;
  if (options.json) {
    for (const { sample, status } of marked)
      writeJsonLine(context.stdout, { event: 'sample', sample, status });
    writeJsonLine(context.stdout, { ...summary, event: 'done', out: options.out });
    return;
  }
  context.stdout.write(`wrote ${options.out}\n`);
  if (marked.length === 0) return;
  const lines = marked.map(({ sample, status }) =>
    status === 'new' ? `  ${sample}` : `  ${sample}  (in ${status})`,
  );
  context.stdout.write(`samples:\n${lines.join('\n')}\n`);
}
