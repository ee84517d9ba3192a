import type { DataSplit, Vocab } from '@makemore/data';
import { buildDataset } from '@makemore/models';
import { keep, tidy } from '@makemore/tensor';
import { type Batch, createTrainingRun, randomBatch, rangeBatch, type TrainingRun } from '@makemore/train';
import type { StepParts } from './op-profile.js';
import type { PytorchSpec } from './pytorch.js';
import { medianRate } from './timing.js';

/** The timing windows, in the same terms on both sides. */
export interface SpeedTiming {
  warmupMs: number;
  windowMs: number;
  windows: number;
}

/** Our figure for one model. */
export interface SpeedRow {
  model: string;
  parameters: number;
  batchSize: number;
  stepsPerSecond: number;
}

/** What a model's run is trained on. */
export interface SpeedSetup {
  split: DataSplit;
  vocab: Vocab;
  data: { source: string; fingerprint: string; items: number };
}

/** One model's training step, ready to run: its run, batch source and the step in two parts. */
export interface PreparedStep {
  run: TrainingRun;
  /** The batch size (every row for a full-batch recipe). */
  batchSize: number;
  /** The block size the data was built with. */
  blockSize: number;
  /** Whether every step uses the same full batch. */
  fullBatch: boolean;
  /** The step: batch, loss and backward, then the optimizer update. */
  parts: StepParts;
  /** Frees the full batch, if any. */
  dispose(): void;
}

/**
 * The training loop's step of model `name`: a random batch of the recipe's size (or its full batch),
 * the loss, backward, the optimizer step.
 */
export function prepareStep(name: string, setup: SpeedSetup): PreparedStep {
  const run = createTrainingRun({ model: name, split: setup.split, vocab: setup.vocab, data: setup.data });
  const blockSize = (run.hyperparameters.blockSize as number | undefined) ?? run.model.blockSize;
  const train = buildDataset(run.entry.dataFormat, setup.split.train, setup.vocab, blockSize);
  // A batch size of 0 is the recipe's full batch: every row, the same tensors each step, as the loop does.
  const full: Batch | null =
    run.recipe.batchSize === 0
      ? tidy(() => {
          const b = rangeBatch(train, 0, train.count);
          return { x: keep(b.x), y: keep(b.y) };
        })
      : null;
  const batchSize = full ? train.count : run.recipe.batchSize;
  run.model.train();
  const parts: StepParts = {
    lossAndBackward: () =>
      tidy(() => {
        const { x, y } = full ?? randomBatch(train, batchSize, run.generator);
        const loss = run.model.loss(x, y);
        run.optimizer.zeroGrad();
        loss.backward();
        return loss.item();
      }),
    update: () => {
      run.optimizer.step();
      run.optimizer.zeroGrad();
    },
  };
  return {
    run,
    batchSize,
    blockSize,
    fullBatch: full !== null,
    parts,
    dispose: () => {
      full?.x.dispose();
      full?.y.dispose();
    },
  };
}

/**
 * Times the training loop's step of model `name` (see {@link prepareStep}), and describes the run for
 * the PyTorch side: the resolved hyperparameters, block size, batch and optimizer, so both build the
 * same model.
 */
export function timeOurStep(
  name: string,
  setup: SpeedSetup,
  timing: SpeedTiming,
): { row: SpeedRow; spec: Omit<PytorchSpec, keyof SpeedTiming> } {
  const prepared = prepareStep(name, setup);
  const { run, batchSize, blockSize, parts } = prepared;
  const stepsPerSecond = medianRate(() => {
    parts.lossAndBackward();
    parts.update();
  }, timing);
  prepared.dispose();
  const row = { model: name, parameters: run.model.numParameters(), batchSize, stepsPerSecond };
  const spec = {
    model: name,
    hyperparameters: { ...run.hyperparameters },
    vocabSize: setup.vocab.size,
    blockSize,
    dataFormat: run.entry.dataFormat,
    batchSize,
    fullBatch: prepared.fullBatch,
    optimizer: optimizerOf(run),
    data: setup.data.source,
    trainItems: setup.split.train.length,
    seed: run.seed,
  };
  return { row, spec };
}

/** The optimizer as constructed (its stored scalars), so PyTorch's gets the same betas and eps. */
function optimizerOf(run: TrainingRun): PytorchSpec['optimizer'] {
  const state = run.optimizer.stateDict();
  const s = state.scalars;
  const optimizer: PytorchSpec['optimizer'] = {
    type: state.type,
    lr: run.optimizer.lr,
    weightDecay: s['weightDecay'] ?? 0,
  };
  if (s['beta1'] !== undefined && s['beta2'] !== undefined) optimizer.betas = [s['beta1'], s['beta2']];
  if (s['eps'] !== undefined) optimizer.eps = s['eps'];
  if (s['momentum'] !== undefined) optimizer.momentum = s['momentum'];
  return optimizer;
}
