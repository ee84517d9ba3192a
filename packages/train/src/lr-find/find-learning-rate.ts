import { type DataSplit, type SplitScheme, splitItems, Vocab } from '@makemore/data';
import { buildDataset, getModelEntry, resolveHyperparameters } from '@makemore/models';
import type { FloatDType } from '@makemore/nn';
import { Generator, tidy } from '@makemore/tensor';
import { randomBatch } from '../loop/batches.js';
import { createOptimizer, resolveRecipe } from '../loop/recipe.js';
import { TrainingError } from '../loop/training-error.js';
import { DEFAULT_SEED } from '../loop/training-run.js';
import { MovingAverage } from './smoothing.js';
import {
  type LrFindMark,
  type LrFindPoint,
  smoothedMinimum,
  steepestDescent,
  suggestLearningRate,
} from './suggest.js';
import { checkSweep, sweepLearningRate } from './sweep.js';

/** One step of a running sweep, as {@link LrFindOptions.onProgress} receives it. */
export interface LrFindProgress extends LrFindPoint {
  /** Steps done so far (1 after the first). */
  readonly step: number;
  /** Steps the sweep takes unless it stops early. */
  readonly steps: number;
}

/** What {@link findLearningRate} needs. */
export interface LrFindOptions {
  /** Registry name (`mlp`, `mlp-bn`, ...). */
  model: string;
  /** Hyperparameter overrides (`{ nHidden: 300 }`); the rest, and any `undefined`, are the entry's defaults. */
  hyperparameters?: Readonly<Record<string, number | undefined>> | undefined;
  /**
   * Every item of the dataset; split as training would split it (the model's recipe's scheme, with
   * `seed`), and the sweep trains on the training split. Give this or `split`.
   */
  items?: readonly string[] | undefined;
  /** The split already made; the sweep trains on `split.train`. Give this or `items`. */
  split?: DataSplit | undefined;
  /** The vocabulary (default: `Vocab.fromItems` of every item). */
  vocab?: Vocab | undefined;
  /** The first learning rate (default 1e-3, the lecture's 10^-3). */
  from?: number | undefined;
  /** The last learning rate (default 1, the lecture's 10^0). */
  to?: number | undefined;
  /** Steps of the sweep, one learning rate each (default 1000, the lecture's). */
  steps?: number | undefined;
  /** Examples per step (default: the model's recipe's; the lecture's 32). */
  batchSize?: number | undefined;
  /** Seed of the split, the initial weights and the batches (default 3407, makemore's). */
  seed?: number | undefined;
  /** Element type of the weights (default float32). */
  dtype?: FloatDType | undefined;
  /** Stop once the smoothed loss exceeds this multiple of its minimum (default 4): the loss has blown up. */
  blowUpFactor?: number | undefined;
  /** When aborted, the sweep stops after the current step and returns what it has (`stopped: 'cancelled'`). */
  signal?: AbortSignal | undefined;
  /** Called after every step; awaited, so it may write to a stream. */
  onProgress?: ((progress: LrFindProgress) => void | Promise<void>) | undefined;
}

/** Why a sweep ended: it reached `to`, the loss blew up (or became NaN), or it was aborted. */
export type LrFindStop = 'done' | 'blow-up' | 'cancelled';

/** What {@link findLearningRate} found. */
export interface LrFindResult {
  /** The model swept. */
  readonly model: string;
  /** The range searched and the steps asked for. */
  readonly from: number;
  /** The last learning rate of the range (not reached when the sweep stopped early). */
  readonly to: number;
  /** Steps asked for; `points.length` were taken. */
  readonly steps: number;
  /** Each step's learning rate, batch loss and smoothed loss (finite losses only). */
  readonly points: readonly LrFindPoint[];
  /** The suggested rate (see {@link suggestLearningRate}), or null when the loss never fell far enough. */
  readonly suggestion: LrFindMark | null;
  /** The smoothed loss's lowest point (null only when no step was taken). */
  readonly minimum: LrFindMark | null;
  /** Where the smoothed loss fell fastest (see {@link steepestDescent}), for the plot and the curious. */
  readonly steepest: LrFindMark | null;
  /** Why the sweep ended. */
  readonly stopped: LrFindStop;
}

/** A noisy but working rate keeps the smoothed loss well within this multiple of its minimum; a blow-up passes it in a few steps. */
const DEFAULT_BLOW_UP_FACTOR = 4;

/** The split the sweep trains on: the caller's, or the items split as `makemore train` would. */
function sweepSplit(options: LrFindOptions, scheme: SplitScheme, seed: number): DataSplit {
  if (options.split !== undefined) return options.split;
  if (options.items === undefined) {
    throw new TrainingError(
      'BAD_OPTIONS',
      'Give the sweep its data: items (every item) or split (already split).',
    );
  }
  return splitItems([...options.items], { seed, scheme });
}

/**
 * The part-2 lecture's learning-rate search: a short run from fresh weights with the model's recipe
 * optimizer (SGD for the lectures' models), its learning rate growing exponentially from `from` to
 * `to`, recording each step's loss. It stops early once the smoothed loss exceeds `blowUpFactor`
 * times its minimum, and suggests a rate half a decade below that minimum (see
 * {@link suggestLearningRate}). No file or Node API is used, so a page calls it as the CLI does.
 *
 * @throws {@link TrainingError} `BAD_OPTIONS` for a bad range, step count or batch size, or no data;
 *   `EMPTY_SPLIT` when the training split is empty; ModelError for an unknown model or hyperparameter
 * @example
 * ```ts
 * const { suggestion, points } = await findLearningRate({ model: 'mlp', items });
 * console.log(`try --lr ${suggestion?.lr}`); // about 0.1 on names.txt, as the lecture picks
 * ```
 */
export async function findLearningRate(options: LrFindOptions): Promise<LrFindResult> {
  const from = options.from ?? 1e-3;
  const to = options.to ?? 1;
  const steps = options.steps ?? 1000;
  checkSweep(from, to, steps);
  const blowUp = options.blowUpFactor ?? DEFAULT_BLOW_UP_FACTOR;
  if (!(blowUp > 1)) {
    throw new TrainingError('BAD_OPTIONS', `The blow-up factor must be a number above 1, got ${blowUp}.`);
  }
  const entry = getModelEntry(options.model);
  const seed = options.seed ?? DEFAULT_SEED;
  const split = sweepSplit(options, entry.recipe.split, seed);
  const all = [...split.train, ...split.val, ...split.test];
  const vocab = options.vocab ?? Vocab.fromItems(all);
  const hyperparameters = resolveHyperparameters(entry, options.hyperparameters ?? {}, { items: all });
  // Only the optimizer and the batch size of the recipe matter: the sweep sets every step's rate.
  const recipe = resolveRecipe(entry.recipe, { batchSize: options.batchSize, steps, lrDecayAt: null });
  if (recipe.batchSize === 0) {
    throw new TrainingError('BAD_OPTIONS', 'The sweep needs mini-batches: give a batch size of at least 1.');
  }
  const generator = new Generator(seed);
  const model = entry.create(hyperparameters, { vocabSize: vocab.size, generator, dtype: options.dtype });
  // The sweep's weights are thrown away at the end; on gpu.js they hold textures that the garbage
  // collector does not free, so they are disposed of explicitly, whatever happens.
  const optimizer = createOptimizer(recipe, model);
  try {
    const train = buildDataset(entry.dataFormat, split.train, vocab, model.blockSize);
    if (train.count === 0) {
      throw new TrainingError('EMPTY_SPLIT', 'The training split has no items; use a larger dataset.');
    }
    const points: LrFindPoint[] = [];
    const smoothing = new MovingAverage();
    let minimum = Number.POSITIVE_INFINITY;
    let stopped: LrFindStop = 'done';
    let lastYield = performance.now();
    model.train();
    for (let i = 0; i < steps; i++) {
      if (options.signal?.aborted) {
        stopped = 'cancelled';
        break;
      }
      const lr = sweepLearningRate(from, to, steps, i);
      optimizer.lr = lr;
      const l = tidy(() => {
        const { x, y } = randomBatch(train, recipe.batchSize, generator);
        const l = model.loss(x, y);
        optimizer.zeroGrad();
        l.backward();
        return l;
      });
      let loss: number;
      try {
        loss = (await l.data())[0]!;
      } finally {
        l.dispose();
      }
      if (!Number.isFinite(loss)) {
        stopped = 'blow-up';
        break;
      }
      optimizer.step();
      optimizer.zeroGrad();
      const smoothed = smoothing.add(loss);
      const point = { lr, loss, smoothed };
      points.push(point);
      await options.onProgress?.({ ...point, step: i + 1, steps });
      minimum = Math.min(minimum, smoothed);
      if (smoothed > blowUp * minimum) {
        stopped = 'blow-up';
        break;
      }
      // Let the event loop run (signal handlers, I/O) about every 50 ms.
      if (performance.now() - lastYield > 50) {
        await new Promise((resolve) => setTimeout(resolve, 0));
        lastYield = performance.now();
      }
    }
    optimizer.zeroGrad();
    return {
      model: entry.name,
      from,
      to,
      steps,
      points,
      suggestion: suggestLearningRate(points),
      minimum: smoothedMinimum(points),
      steepest: steepestDescent(points),
      stopped,
    };
  } finally {
    optimizer.dispose();
    model.dispose();
  }
}
