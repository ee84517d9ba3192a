import { generate } from '@makemore/sampling';
import type { TrainingEvent, TrainingRun } from '@makemore/train';
import { type CommandContext, formatCount, writeJsonLine } from '../output.js';
import { createProgress } from '../progress.js';

/** How a training run is shown: JSON lines, or a progress bar and readable lines. */
export interface Reporter {
  /** Receives every event of the loop. */
  onEvent(event: TrainingEvent): Promise<void>;
  /** Removes the progress bar. */
  stop(): void;
}

/** Samples shown at each evaluation, as makemore prints them while it trains. */
const SAMPLES_PER_EVAL = 5;

const show = (value: number | null) => (value === null ? 'n/a' : value.toFixed(4));

/**
 * Turns training events into output: with `--json` one JSON object per event; otherwise a progress
 * bar with loss and ETA on a TTY, a line per evaluation with a few samples, and nothing per step in
 * a pipe.
 *
 * @param run - the run, for samples at each evaluation
 * @param context - streams
 * @param json - whether to print JSON lines
 * @param seed - seed of the samples shown during training
 */
export function createReporter(
  run: TrainingRun,
  context: CommandContext,
  json: boolean,
  seed: number,
): Reporter {
  const progress = json ? { update() {}, stop() {} } : createProgress('train', context.stderr);
  const samples = async (step: number) =>
    generate(run.languageModel(), { count: SAMPLES_PER_EVAL, seed: (seed + step) >>> 0 });
  return {
    async onEvent(event) {
      if (json) {
        writeJsonLine(context.stdout, { ...event });
        return;
      }
      const out = context.stdout;
      switch (event.event) {
        case 'start':
          out.write(
            `${event.resumed ? 'resuming' : 'training'} ${event.model} (${formatCount(event.parameters)} parameters) ` +
              `for ${formatCount(event.recipe.steps)} steps from step ${formatCount(event.step)}: ` +
              `${event.recipe.optimizer} lr ${event.recipe.lr}, batch ${event.recipe.batchSize}\n`,
          );
          break;
        case 'step':
          progress.update(event.step, run.recipe.steps, {
            loss: event.loss.toFixed(4),
            'steps/s': event.stepsPerSecond.toFixed(0),
          });
          break;
        case 'eval': {
          progress.stop();
          const words = await samples(event.step);
          out.write(
            `step ${formatCount(event.step)}: train ${show(event.train)}, val ${show(event.val)}${event.best ? ' (best)' : ''}` +
              ` | ${words.join(' ')}\n`,
          );
          break;
        }
        case 'error':
          progress.stop();
          break;
        case 'done':
          progress.stop();
          out.write(
            `${event.cancelled ? 'stopped' : 'done'} after ${formatCount(event.steps)} steps in ${event.seconds.toFixed(1)} s ` +
              `(${event.stepsPerSecond.toFixed(0)} steps/s); best weights from step ${formatCount(event.bestStep)}\n` +
              `loss (average NLL per token): train ${show(event.train)}, val ${show(event.val)}, test ${show(event.test)}\n`,
          );
          break;
        default:
          break;
      }
    },
    stop: () => progress.stop(),
  };
}
