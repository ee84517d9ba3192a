import { generate } from '@makemore/sampling';
import {
  type DiagnosticsEvent,
  type StepEvent,
  summarizeDiagnostics,
  type TrainingEvent,
  type TrainingRun,
} from '@makemore/train';
import {
  type CommandContext,
  countOf,
  formatCount,
  formatDuration,
  formatRate,
  writeJsonLine,
} from '../output.js';
import { createProgress, type Progress } from '../progress.js';

/** How a training run is shown: JSON lines, or a progress bar and readable lines. */
export interface Reporter {
  /** Receives every event of the loop. */
  onEvent(event: TrainingEvent): Promise<void>;
  /** Removes the progress bar. */
  stop(): void;
}

/** How the reporter writes. */
export interface ReporterOptions {
  /** One JSON object per event; the `done` event is left to the caller, who prints it last. */
  json: boolean;
  /** No progress at all (neither bar nor lines); evaluations and the summary still print. */
  quiet: boolean;
  /** Seed of the samples shown during training. */
  seed: number;
  /** Clock in milliseconds, for tests. */
  now?: () => number;
}

/** Samples shown at each evaluation, as makemore prints them while it trains. */
const SAMPLES_PER_EVAL = 5;

/** Without a terminal to draw a bar on, a plain progress line at least this often (milliseconds). */
export const PROGRESS_LINE_INTERVAL_MS = 10_000;

const show = (value: number | null) => (value === null ? 'n/a' : value.toFixed(4));

/**
 * Progress as plain lines on stdout, for logs and pipes: one at the first step event and then at the
 * first step event after each interval, with step, loss, the loop's rate and an ETA from it.
 *
 * @param stream - where to write (stdout)
 * @param now - clock in milliseconds
 */
export function progressLines(
  stream: NodeJS.WritableStream,
  now: () => number,
): (event: StepEvent, total: number) => void {
  let last = Number.NEGATIVE_INFINITY;
  return (event, total) => {
    const time = now();
    if (time - last < PROGRESS_LINE_INTERVAL_MS && event.step < total) return;
    last = time;
    const rate = event.stepsPerSecond;
    const eta = rate > 0 && event.step < total ? ` | ETA ${formatDuration((total - event.step) / rate)}` : '';
    stream.write(
      `step ${formatCount(event.step)}/${formatCount(total)} | loss ${event.loss.toFixed(4)} | ${formatRate(rate)} steps/s${eta}\n`,
    );
  };
}

/**
 * Turns training events into output: with `--json` one JSON object per event; otherwise a progress
 * bar with loss and ETA when stderr is a terminal, plain progress lines on stdout when it is not, a
 * line per evaluation with a few samples, and a summary.
 *
 * @param run - the run, for samples at each evaluation
 * @param context - streams
 * @param options - JSON or text, quiet, and the samples' seed
 */
export function createReporter(
  run: TrainingRun,
  context: CommandContext,
  options: ReporterOptions,
): Reporter {
  const now = options.now ?? (() => performance.now());
  const shown = !options.json && !options.quiet;
  // A bar where stderr is a terminal; plain lines on stdout where it is not (logs, pipes).
  const progress: Progress =
    shown && context.stderr.isTTY ? createProgress('train', context.stderr) : { update() {}, stop() {} };
  const lines = shown && !context.stderr.isTTY ? progressLines(context.stdout, now) : null;
  const samples = async (step: number) =>
    generate(run.languageModel(), { count: SAMPLES_PER_EVAL, seed: (options.seed + step) >>> 0 });
  return {
    async onEvent(event) {
      if (options.json) {
        // A diagnostics record's histograms would make a line of many kilobytes; diagnostics.json has them.
        if (event.event === 'diagnostics') {
          writeJsonLine(context.stdout, { event: 'diagnostics', ...summarizeDiagnostics(event.record) });
        } else if (event.event !== 'done') writeJsonLine(context.stdout, { ...event });
        return;
      }
      const out = context.stdout;
      switch (event.event) {
        case 'start':
          out.write(
            `${event.resumed ? 'resuming' : 'training'} ${event.model} (${countOf(event.parameters, 'parameter')}) ` +
              `for ${countOf(event.recipe.steps, 'step')} from step ${formatCount(event.step)}: ` +
              `${event.recipe.optimizer} lr ${event.recipe.lr}, batch ${event.recipe.batchSize}\n`,
          );
          break;
        case 'step':
          progress.update(event.step, run.recipe.steps, {
            loss: event.loss.toFixed(4),
            'steps/s': formatRate(event.stepsPerSecond),
          });
          lines?.(event, run.recipe.steps);
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
        case 'diagnostics':
          progress.stop();
          out.write(`${diagnosticsLine(event)}\n`);
          break;
        case 'error':
          progress.stop();
          break;
        case 'done':
          progress.stop();
          out.write(
            `${event.cancelled ? 'stopped' : 'done'} after ${countOf(event.steps, 'step')} in ${event.seconds.toFixed(1)} s ` +
              `(${formatRate(event.stepsPerSecond)} steps/s); best weights from step ${formatCount(event.bestStep)}\n` +
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

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;

/**
 * One line of the part-3 lecture's numbers for a diagnostics event: each tanh layer's saturation
 * and each weight matrix's update-to-data ratio (log10; the lecture aims for about -3).
 *
 * @example `diagnostics at step 1,000: h 4.2% saturated | log10 update/data: C -2.81, W1 -2.95, W2 -2.63`
 */
export function diagnosticsLine(event: DiagnosticsEvent): string {
  const { layers, parameters } = event.record;
  const saturation = layers
    .filter((l) => l.saturated !== null)
    .map((l) => `${l.name} ${percent(l.saturated!)} saturated`);
  const ratios = parameters
    .filter((p) => p.shape.length === 2)
    .map((p) => `${p.name} ${p.updateToData === null ? 'n/a' : p.updateToData.toFixed(2)}`);
  const parts = [...saturation, ...(ratios.length > 0 ? [`log10 update/data: ${ratios.join(', ')}`] : [])];
  return `diagnostics at step ${formatCount(event.step)}: ${parts.join(' | ')}`;
}
