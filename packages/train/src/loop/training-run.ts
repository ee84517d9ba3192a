import type { DataSplit, Vocab } from '@makemore/data';
import {
  asLanguageModel,
  buildDataset,
  type CharModel,
  getModelEntry,
  type Hyperparameters,
  listModels,
  type ModelDataset,
  type ModelEntry,
  resolveHyperparameters,
  type TrainingRecipe,
  type TrainingRecipeOverrides,
} from '@makemore/models';
import { clipGradNorm, type FloatDType, type LrSchedule, learningRateAt, type Optimizer } from '@makemore/nn';
import type { LanguageModel } from '@makemore/sampling';
import { Generator, keep, tidy } from '@makemore/tensor';
import { configHyperparameters } from '../config-hyperparameters.js';
import {
  DIAGNOSTICS_FILE,
  DIAGNOSTICS_FORMAT,
  DIAGNOSTICS_VERSION,
  type DiagnosticsRecord,
  encodeDiagnostics,
  parseDiagnostics,
  SATURATION_THRESHOLD,
} from '../diagnostics/diagnostics-format.js';
import { type DiagnosticsRecorder, startDiagnostics } from '../diagnostics/recorder.js';
import { checkFileMap } from '../file-map.js';
import { type DataInfo, MODEL_FORMAT, MODEL_FORMAT_VERSION, type ModelConfig } from '../model-config.js';
import { checkConfigForWrite } from '../model-directory.js';
import type { StoredTensor } from '../safetensors.js';
import { storedToValues, tensorsToStored, tensorsToStoredAsync } from '../stored-tensors.js';
import { decodeTrainingCheckpoint, encodeRunCheckpoint } from '../training-checkpoint.js';
import type { TrainingState } from '../training-state.js';
import { type Batch, randomBatch, rangeBatch } from './batches.js';
import { evaluateLossAsync } from './evaluate.js';
import type { DoneEvent, EvalEvent, TrainingEvent } from './events.js';
import { checkOptionKeys, optionHomeOf, RESUME_KEYS, SETUP_KEYS, TRAIN_KEYS } from './option-keys.js';
import { createOptimizer, resolveRecipe, scheduleOf } from './recipe.js';
import { TrainingError } from './training-error.js';

/** makemore's default seed. */
export const DEFAULT_SEED = 3407;

/** Steps between the training losses kept in the checkpoint's history (for the loss-curve plot). */
const HISTORY_EVERY = 100;

/** What {@link createTrainingRun} needs. */
export interface TrainingSetup {
  /** Registry name (`mlp`, `transformer`, ...). */
  model: string;
  /**
   * Hyperparameter overrides (`{ nHidden: 300 }`); the rest, and any given as `undefined`, are the
   * entry's defaults.
   */
  hyperparameters?: Readonly<Record<string, number | undefined>> | undefined;
  /** Recipe overrides (`{ steps: 1000, lr: 0.05 }`); the rest, and any `undefined`, are the entry's recipe. */
  recipe?: TrainingRecipeOverrides | undefined;
  /** The items, split (the caller splits with `splitItems(items, { seed, scheme: entry.recipe.split })`). */
  split: DataSplit;
  /** The vocabulary (usually `Vocab.fromItems(allItems)`). */
  vocab: Vocab;
  /** Recorded in `config.json`. */
  data: DataInfo;
  /** Seed of the initial weights and of the batch order (default 3407, makemore's). */
  seed?: number | undefined;
  /** Clip the global gradient norm to this before each step (default: no clipping). */
  gradClip?: number | null | undefined;
  /** Element type of the weights (default float32). */
  dtype?: FloatDType | undefined;
}

/** What {@link resumeTrainingRun} needs besides the checkpoint's files. */
export interface ResumeOptions {
  /** The same split the checkpoint was trained on (split again with the state's seed). */
  split: DataSplit;
  /** The data, whose fingerprint must match the checkpoint's. */
  data: DataInfo;
  /** Recipe changes, typically `{ steps }` to train longer; anything else changes the loss curve. */
  recipe?: TrainingRecipeOverrides | undefined;
}

/** Options of {@link TrainingRun.train}. */
export interface TrainOptions {
  /** Receives every event; awaited, so it may write to a stream. */
  onEvent?: ((event: TrainingEvent) => void | Promise<void>) | undefined;
  /** Writes the checkpoint files (atomically); called at every evaluation, at the end and on cancel. */
  save?: ((files: Map<string, Uint8Array>) => Promise<void>) | undefined;
  /** When aborted, the loop finishes the current step, saves and stops (the CLI maps SIGINT to it). */
  signal?: AbortSignal | undefined;
  /** Steps between `step` events (default 100). */
  logEvery?: number | undefined;
  /** Rows of each split evaluated at the periodic evaluations (default all); the final one uses all. */
  evalRows?: number | undefined;
  /**
   * Record the layers' activation and gradient statistics and the parameters' update-to-data ratios
   * on the batch of every step that ends in an evaluation (default false): each record is sent as a
   * `diagnostics` event before the `eval` event and saved as `diagnostics.json` with the checkpoint.
   * Other steps cost nothing extra.
   */
  diagnostics?: boolean | undefined;
  /** Clock in milliseconds (default `performance.now`), for tests. */
  now?: (() => number) | undefined;
}

interface RunState {
  step: number;
  best: { step: number; loss: number; weights: Map<string, StoredTensor> } | null;
  history: TrainingState['history'];
  /** Diagnostics recorded so far (a resumed run's earlier ones first); saved when there are any. */
  diagnostics: DiagnosticsRecord[];
}

/**
 * One training of one model: the model, its optimizer, the data and the RNG, advanced by
 * {@link TrainingRun.train}. Build it with {@link createTrainingRun} or {@link resumeTrainingRun}.
 */
export class TrainingRun {
  /** The batches' generator (also drew the initial weights). */
  readonly generator: Generator;
  readonly #train: ModelDataset;
  readonly #val: ModelDataset;
  readonly #test: ModelDataset;
  readonly #schedule: LrSchedule;
  readonly #state: RunState;
  readonly #resumed: boolean;

  /** @internal Use {@link createTrainingRun} or {@link resumeTrainingRun}. */
  constructor(
    /** The registry entry. */
    readonly entry: ModelEntry,
    /** The model being trained. */
    readonly model: CharModel,
    /** Complete hyperparameters. */
    readonly hyperparameters: Hyperparameters,
    /** The recipe in effect. */
    readonly recipe: TrainingRecipe,
    /** The optimizer. */
    readonly optimizer: Optimizer,
    /** The vocabulary. */
    readonly vocab: Vocab,
    /** Recorded data provenance. */
    readonly data: DataInfo,
    /** The seed the run started from. */
    readonly seed: number,
    /** Gradient clipping threshold, or null. */
    readonly gradClip: number | null,
    generator: Generator,
    split: DataSplit,
    state: RunState,
    resumed: boolean,
  ) {
    this.generator = generator;
    const build = (items: readonly string[]) => buildDataset(entry.dataFormat, items, vocab, model.blockSize);
    this.#train = build(split.train);
    this.#val = build(split.val);
    this.#test = build(split.test);
    if (this.#train.count === 0) {
      throw new TrainingError('EMPTY_SPLIT', 'The training split has no items; use a larger dataset.');
    }
    this.#schedule = scheduleOf(recipe);
    this.#state = state;
    this.#resumed = resumed;
  }

  /** Steps completed so far (restored on resume). */
  get step(): number {
    return this.#state.step;
  }

  /** The model as a `LanguageModel` for sampling and scoring (eval mode is applied per call). */
  languageModel(): LanguageModel {
    return asLanguageModel(this.model, this.vocab);
  }

  /** The learning rate of the step after `step` completed steps. */
  learningRate(step = this.#state.step): number {
    return learningRateAt(this.#schedule, step);
  }

  /** The `config.json` contents for this run. */
  modelConfig(): ModelConfig {
    return {
      format: MODEL_FORMAT,
      formatVersion: MODEL_FORMAT_VERSION,
      model: this.entry.name,
      hyperparameters: { ...this.hyperparameters },
      vocab: this.vocab,
      data: { ...this.data },
      created: new Date().toISOString(),
    };
  }

  /** The checkpoint's files as they would be saved now. */
  checkpointFiles(): Map<string, Uint8Array> {
    const opt = this.optimizer.stateDict();
    return this.#encodeCheckpoint(tensorsToStored(this.model.stateDict()), opt, tensorsToStored(opt.tensors));
  }

  /**
   * {@link TrainingRun.checkpointFiles} reading the tensors with `await data()`, so it also runs on a
   * backend that reads back only asynchronously (gpu.js's webgpu mode). The training loop saves with it.
   */
  async checkpointFilesAsync(): Promise<Map<string, Uint8Array>> {
    const opt = this.optimizer.stateDict();
    const last = await tensorsToStoredAsync(this.model.stateDict());
    return this.#encodeCheckpoint(last, opt, await tensorsToStoredAsync(opt.tensors));
  }

  #encodeCheckpoint(
    last: Map<string, StoredTensor>,
    optimizer: ReturnType<Optimizer['stateDict']>,
    optimizerTensors: Map<string, StoredTensor>,
  ): Map<string, Uint8Array> {
    const files = encodeRunCheckpoint({
      config: this.modelConfig(),
      step: this.#state.step,
      seed: this.seed,
      recipe: this.recipe,
      gradClip: this.gradClip,
      generator: this.generator,
      optimizer,
      optimizerTensors,
      last,
      best: this.#state.best,
      history: this.#state.history,
    });
    if (this.#state.diagnostics.length > 0) {
      files.set(
        DIAGNOSTICS_FILE,
        encodeDiagnostics({
          format: DIAGNOSTICS_FORMAT,
          formatVersion: DIAGNOSTICS_VERSION,
          model: this.entry.name,
          saturationThreshold: SATURATION_THRESHOLD,
          records: this.#state.diagnostics,
        }),
      );
    }
    return files;
  }

  /**
   * Trains up to `recipe.steps` steps: mini-batches drawn with replacement (or the full batch when
   * `batchSize` is 0), evaluation every `evalEvery` steps with a checkpoint each time, the best
   * validation weights kept as `model.safetensors`, and a final evaluation on every split.
   *
   * @returns the `done` event
   * @throws {@link TrainingError} `NON_FINITE` when the loss becomes NaN or infinite (nothing is saved
   *   after the last good checkpoint)
   */
  async train(options: TrainOptions = {}): Promise<DoneEvent> {
    // The recipe is fixed when the run is created, so a misplaced `steps` points there.
    checkOptionKeys(options, "train()'s options object", TRAIN_KEYS, {
      recipe: optionHomeOf(this.entry.name).recipe,
      recipeOf: "createTrainingRun's setup (or resumeTrainingRun's options)",
    });
    const now = options.now ?? (() => performance.now());
    const logEvery = options.logEvery ?? 100;
    if (!Number.isInteger(logEvery) || logEvery <= 0) {
      throw new TrainingError('BAD_OPTIONS', `logEvery must be a positive integer, got ${logEvery}.`);
    }
    const emit = async (event: TrainingEvent) => {
      if (options.onEvent) await options.onEvent(event);
    };
    const started = now();
    const firstStep = this.#state.step;
    let lastSaved = firstStep;
    let lastEvaluated = -1;
    const seconds = () => (now() - started) / 1000;
    const stepsPerSecond = () => (this.#state.step - firstStep) / Math.max(seconds(), 1e-9);

    const save = async (reason: 'eval' | 'end' | 'cancel') => {
      if (!options.save) return;
      await options.save(await this.checkpointFilesAsync());
      lastSaved = this.#state.step;
      await emit({ event: 'checkpoint', step: this.#state.step, reason });
    };
    const fail = async (what: string, value: number): Promise<never> => {
      const message =
        `The ${what} became ${value} at step ${this.#state.step + 1} (learning rate ${this.learningRate()}); ` +
        `training stopped without saving, so the last checkpoint (step ${lastSaved}) is intact. ` +
        'Lower the learning rate or clip gradients, then resume or train again.';
      await emit({ event: 'error', code: 'NON_FINITE', message, step: this.#state.step });
      throw new TrainingError('NON_FINITE', message);
    };
    const evaluate = async () => {
      lastEvaluated = this.#state.step;
      const event = await this.#evaluate(options.evalRows, seconds());
      if (!Number.isFinite(event.selectLoss) || !Number.isFinite(event.train)) {
        await fail('evaluation loss', Number.isFinite(event.train) ? event.selectLoss : event.train);
      }
      await emit(event);
    };

    await emit({
      event: 'start',
      model: this.entry.name,
      parameters: this.model.numParameters(),
      hyperparameters: { ...this.hyperparameters },
      recipe: { ...this.recipe },
      step: firstStep,
      resumed: this.#resumed,
      rows: { train: this.#train.count, val: this.#val.count, test: this.#test.count },
    });

    const full = this.recipe.batchSize === 0 || this.recipe.batchSize >= this.#train.count;
    const fullBatch: Batch | null = full
      ? tidy(() => {
          const b = rangeBatch(this.#train, 0, this.#train.count);
          return { x: keep(b.x), y: keep(b.y) };
        })
      : null;
    const evaluates = (step: number) => step % this.recipe.evalEvery === 0 || step === this.recipe.steps;
    let cancelled = false;
    let lastYield = now();
    try {
      this.model.train();
      while (this.#state.step < this.recipe.steps) {
        if (options.signal?.aborted) {
          cancelled = true;
          break;
        }
        const lr = this.learningRate();
        // Diagnostics watch only the steps that end in an evaluation: the others run as without them.
        const recorder =
          options.diagnostics && evaluates(this.#state.step + 1) ? startDiagnostics(this.model) : null;
        const { loss, record } = await this.#step(lr, fullBatch, recorder);
        if (!Number.isFinite(loss)) await fail('training loss', loss);
        this.#state.step++;
        const step = this.#state.step;
        if (record) {
          this.#state.diagnostics.push(record);
          await emit({ event: 'diagnostics', step, record });
        }
        // The checkpoint's loss history keeps its own spacing, whatever the caller's event rate.
        if (step % HISTORY_EVERY === 0 || step === this.recipe.steps) {
          this.#state.history.losses.push([step, loss]);
        }
        if (step % logEvery === 0 || step === this.recipe.steps) {
          await emit({ event: 'step', step, loss, lr, seconds: seconds(), stepsPerSecond: stepsPerSecond() });
        }
        if (evaluates(step)) {
          await evaluate();
          await save(step === this.recipe.steps ? 'end' : 'eval');
        }
        // Let the event loop run (signal handlers, I/O) about every 50 ms.
        if (now() - lastYield > 50) {
          await new Promise((resolve) => setTimeout(resolve, 0));
          lastYield = now();
        }
      }
      if (cancelled) {
        await evaluate();
        await save('cancel');
      } else if (lastEvaluated !== this.#state.step) {
        // Zero steps requested, or a resume that was already complete.
        await evaluate();
        await save('end');
      }
    } finally {
      if (fullBatch) {
        fullBatch.x.dispose();
        fullBatch.y.dispose();
      }
    }

    // Report the weights that were saved as model.safetensors: the best ones.
    const bestStep = this.#state.best?.step ?? this.#state.step;
    const final = this.#fullEvaluation(bestStep, options.evalRows);
    if (final === null && this.#state.best)
      this.model.loadStateDict(storedToValues(this.#state.best.weights));
    const optional = (d: ModelDataset) => (d.count === 0 ? null : evaluateLossAsync(this.model, d));
    const trainSteps = this.#state.step - firstStep;
    const done: DoneEvent = {
      event: 'done',
      train: final?.train ?? (await evaluateLossAsync(this.model, this.#train)),
      val: final ? final.val : await optional(this.#val),
      test: final ? final.test : await optional(this.#test),
      steps: this.#state.step,
      seconds: seconds(),
      stepsPerSecond: trainSteps / Math.max(seconds(), 1e-9),
      bestStep,
      cancelled,
    };
    await emit(done);
    return done;
  }

  /**
   * One optimisation step; returns the batch loss, and what `recorder` (already watching the model)
   * recorded of the step, after clipping and before the update. The loss is read with `await data()`,
   * the one readback every backend has (WebGPU reads back only asynchronously).
   */
  async #step(
    lr: number,
    fullBatch: Batch | null,
    recorder: DiagnosticsRecorder | null,
  ): Promise<{ loss: number; record: DiagnosticsRecord | null }> {
    this.optimizer.lr = lr;
    let loss: number;
    let record: DiagnosticsRecord | null = null;
    try {
      const l = tidy(() => {
        const { x, y } = fullBatch ?? randomBatch(this.#train, this.recipe.batchSize, this.generator);
        const l = this.model.loss(x, y);
        this.optimizer.zeroGrad();
        l.backward();
        return l;
      });
      try {
        loss = (await l.data())[0]!;
      } finally {
        l.dispose();
      }
      if (!Number.isFinite(loss)) return { loss, record };
      if (this.gradClip !== null) clipGradNorm(this.model.parameters(), this.gradClip);
      record = (await recorder?.finish({ step: this.#state.step + 1, lr, loss })) ?? null;
    } finally {
      // Frees what the recorder kept when the step failed; after finish() it has nothing left.
      recorder?.cancel();
    }
    this.optimizer.step();
    this.optimizer.zeroGrad();
    return { loss, record };
  }

  /**
   * The last evaluation's losses when they are what the final evaluation would compute: taken at the
   * current step, which is the saved (best) one, over every row of every split. Otherwise null, and
   * the caller evaluates. (The loop always evaluates at its last step, so the history's last entry is
   * this run's.)
   */
  #fullEvaluation(
    bestStep: number,
    evalRows: number | undefined,
  ): { train: number; val: number | null; test: number | null } | null {
    const last = this.#state.history.evals.at(-1);
    if (last === undefined || last.step !== bestStep || last.step !== this.#state.step) return null;
    const largest = Math.max(this.#train.count, this.#val.count, this.#test.count);
    if (evalRows !== undefined && evalRows < largest) return null;
    return { train: last.train, val: last.val, test: last.test };
  }

  /** Periodic evaluation; updates the best weights. */
  async #evaluate(evalRows: number | undefined, seconds: number): Promise<EvalEvent> {
    const opts = evalRows === undefined ? {} : { maxRows: evalRows };
    const train = await evaluateLossAsync(this.model, this.#train, opts);
    const val = this.#val.count > 0 ? await evaluateLossAsync(this.model, this.#val, opts) : null;
    const test = this.#test.count > 0 ? await evaluateLossAsync(this.model, this.#test, opts) : null;
    const selectOn = val !== null ? 'val' : test !== null ? 'test' : 'train';
    const selectLoss = val ?? test ?? train;
    const step = this.#state.step;
    this.#state.history.evals.push({ step, train, val, test });
    const best =
      Number.isFinite(selectLoss) && (this.#state.best === null || selectLoss < this.#state.best.loss);
    if (best) {
      this.#state.best = {
        step,
        loss: selectLoss,
        weights: await tensorsToStoredAsync(this.model.stateDict()),
      };
    }
    return { event: 'eval', step, train, val, selectOn, selectLoss, best, seconds };
  }
}

/**
 * Starts a training of a registered model: resolves hyperparameters and recipe (defaults plus
 * overrides), draws the initial weights from `seed`, and builds the datasets in the model's format.
 *
 * @throws ModelError for an unknown model or hyperparameter; {@link TrainingError} `BAD_OPTIONS` for a bad
 *   recipe or an unknown key of `setup` (a recipe field beside `recipe` rather than inside it);
 *   CheckpointError `BAD_CONFIG` when `data` would make a model directory that does not load
 * @example
 * ```ts
 * const run = createTrainingRun({ model: 'mlp', split, vocab, data, recipe: { steps: 1000 } });
 * const done = await run.train({ onEvent: (e) => console.log(JSON.stringify(e)), save });
 * ```
 */
export function createTrainingRun(setup: TrainingSetup): TrainingRun {
  checkOptionKeys(
    setup,
    'the setup',
    SETUP_KEYS,
    optionHomeOf((setup as Partial<TrainingSetup> | null)?.model),
  );
  const entry = getModelEntry(setup.model);
  const all = [...setup.split.train, ...setup.split.val, ...setup.split.test];
  const hyperparameters = resolveHyperparameters(entry, setup.hyperparameters ?? {}, { items: all });
  const recipe = resolveRecipe(entry.recipe, setup.recipe);
  const seed = setup.seed ?? DEFAULT_SEED;
  const generator = new Generator(seed);
  const model = entry.create(hyperparameters, { vocabSize: setup.vocab.size, generator, dtype: setup.dtype });
  const gradClip = setup.gradClip ?? null;
  if (gradClip !== null && !(gradClip > 0)) {
    throw new TrainingError('BAD_OPTIONS', `The gradient clip must be a positive number, got ${gradClip}.`);
  }
  const run = new TrainingRun(
    entry,
    model,
    hyperparameters,
    recipe,
    createOptimizer(recipe, model),
    setup.vocab,
    setup.data,
    seed,
    gradClip,
    generator,
    setup.split,
    { step: 0, best: null, history: { losses: [], evals: [] }, diagnostics: [] },
    false,
  );
  // Fail now, not at the first checkpoint, when the config would not load again (e.g. bad `data`).
  checkConfigForWrite(run.modelConfig());
  return run;
}

/**
 * Continues a training from its checkpoint files: restores the latest weights and buffers, the
 * optimizer state, the step, the best loss and the RNG state, so the loss curve continues exactly as
 * an uninterrupted run's would.
 *
 * @throws CheckpointError for missing or malformed files; {@link TrainingError} `DATA_MISMATCH` for other data
 * @example
 * ```ts
 * const run = resumeTrainingRun(files, { split, data });
 * await run.train({ save });
 * ```
 */
export function resumeTrainingRun(
  files: ReadonlyMap<string, Uint8Array>,
  options: ResumeOptions,
): TrainingRun {
  checkFileMap(files, 'resumeTrainingRun');
  // The model comes from the checkpoint, so only recipe fields can be misplaced here.
  checkOptionKeys(options, 'the resume options object', RESUME_KEYS, {
    recipe: optionHomeOf(undefined).recipe,
  });
  const checkpoint = decodeTrainingCheckpoint(files, listModels());
  const { config, state } = checkpoint;
  if (config.data.fingerprint !== options.data.fingerprint) {
    throw new TrainingError(
      'DATA_MISMATCH',
      `The checkpoint was trained on other data (${config.data.source}, ${config.data.items} items); resume with the same data or train again.`,
    );
  }
  const entry = getModelEntry(config.model);
  const hyperparameters = configHyperparameters(entry, config);
  const recipe = resolveRecipe(state.recipe, options.recipe);
  const generator = new Generator(state.seed);
  const model = entry.create(hyperparameters, { vocabSize: config.vocab.size, generator });
  model.loadStateDict(storedToValues(checkpoint.last));
  const optimizer = createOptimizer(recipe, model);
  optimizer.loadStateDict({ ...state.optimizer, tensors: storedToValues(checkpoint.optimizer) });
  // The same generator object the model holds (for dropout), now at the checkpoint's position.
  generator.setState(state.generator);
  return new TrainingRun(
    entry,
    model,
    hyperparameters,
    recipe,
    optimizer,
    config.vocab,
    { ...config.data },
    state.seed,
    state.gradClip,
    generator,
    options.split,
    {
      step: state.step,
      best: state.best ? { ...state.best, weights: checkpoint.weights } : null,
      history: state.history,
      diagnostics: resumedDiagnostics(files),
    },
    true,
  );
}

/** The records of the checkpoint's `diagnostics.json`, if it has one, so a resumed run appends to them. */
function resumedDiagnostics(files: ReadonlyMap<string, Uint8Array>): DiagnosticsRecord[] {
  const bytes = files.get(DIAGNOSTICS_FILE);
  return bytes === undefined ? [] : parseDiagnostics(bytes).records;
}
