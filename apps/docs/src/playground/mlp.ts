import { fingerprintItems, Vocab } from '@makemore/data';
import type { DeviceSelection } from '@makemore/gpu';
import type { MlpHyperparameters } from '@makemore/models';
import { setDefaultBackend } from '@makemore/tensor';
import {
  CONFIG_FILE,
  createTrainingRun,
  type DoneEvent,
  TRAINING_STATE_FILE,
  type TrainingRun,
  WEIGHTS_FILE,
} from '@makemore/train';
import type { PlaygroundData } from './data.js';

/**
 * The lecture's first MLP: 2-D embeddings (so they can be drawn), 100 hidden units, 3 characters; typed
 * by the registry's `mlp` hyperparameters, whose ranges check these values when the run is created.
 */
export const PLAYGROUND_MLP: Readonly<MlpHyperparameters> = { blockSize: 3, nEmbd: 2, nHidden: 100 };

/** Options of {@link MlpTrainer.create}. */
export interface MlpTrainerOptions {
  /** Seed of the initial weights and of the mini-batches. */
  seed: number;
  /** How many SGD steps to take. */
  steps: number;
  /** Where to train: a `selectDevice` result (see `PlaygroundDevices`). */
  device: DeviceSelection;
}

/** One character's learned embedding. */
export interface EmbeddingPoint {
  /** The character (`.` for the boundary token). */
  label: string;
  /** First embedding coordinate. */
  x: number;
  /** Second embedding coordinate. */
  y: number;
}

/**
 * Trains the registry's `mlp` with `@makemore/train`'s training loop, the one `makemore train` runs,
 * on the chosen device, and hands the page the loss of every step as it goes.
 */
export class MlpTrainer {
  /** The mini-batch loss of every step so far. */
  readonly losses: number[] = [];
  /** Training steps per second so far, as the training loop measures them (compiling kernels included). */
  stepsPerSecond = 0;

  private constructor(
    /** The training run: model, optimizer, data. */
    readonly run: TrainingRun,
    /** The backend the model, its batches and its samples live on, its gpu.js mode and why. */
    readonly device: DeviceSelection,
  ) {}

  /**
   * Sets up a run: the lecture's recipe (SGD at 0.1, batches of 32) for `steps` steps. As
   * `makemore train --device` does, it makes the device's backend the tensor core's default, so the
   * weights, every batch and the samples drawn later are created there (ops refuse to mix backends).
   *
   * @param data - the items and their split
   * @param options - seed, number of steps and device
   * @returns the trainer
   */
  static async create(data: PlaygroundData, options: MlpTrainerOptions): Promise<MlpTrainer> {
    const fingerprint = await fingerprintItems(data.items);
    setDefaultBackend(options.device.backend);
    const run = createTrainingRun({
      model: 'mlp',
      hyperparameters: { ...PLAYGROUND_MLP },
      recipe: { steps: options.steps, lr: 0.1, lrDecayAt: null, batchSize: 32, evalEvery: options.steps },
      split: data.split,
      vocab: Vocab.fromItems(data.items),
      data: {
        source: data.source,
        fingerprint,
        items: data.items.length,
      },
      seed: options.seed,
    });
    return new MlpTrainer(run, options.device);
  }

  /**
   * Trains every step, calling `progress` every `every` steps; awaiting it lets the page draw.
   *
   * @param progress - called with the steps done
   * @param every - steps between calls
   * @returns the final losses on the whole splits
   */
  train(progress: (step: number) => Promise<void>, every = 10): Promise<DoneEvent> {
    return this.run.train({
      logEvery: 1,
      onEvent: async (event) => {
        if (event.event !== 'step') return;
        this.losses.push(event.loss);
        this.stepsPerSecond = event.stepsPerSecond;
        if (event.step % every === 0) await progress(event.step);
      },
    });
  }

  /** Every character's 2-D embedding, the lecture's scatter plot of `C` (read with `await`, as WebGPU needs). */
  async embedding(): Promise<EmbeddingPoint[]> {
    const C = this.run.model.namedParameters().find(([name]) => name === 'C')![1];
    const values = await C.data();
    return this.run.vocab.itos.map((label, i) => ({ label, x: values[2 * i]!, y: values[2 * i + 1]! }));
  }

  /**
   * The model directory `makemore sample --model-dir` reads: `config.json` and `model.safetensors`,
   * plus `training-state.json`, which records the split's seed (and the loss history), so that the
   * CLI can mark samples found in the training data.
   */
  async modelFiles(): Promise<Map<string, Uint8Array>> {
    const files = await this.run.checkpointFilesAsync();
    return new Map([CONFIG_FILE, WEIGHTS_FILE, TRAINING_STATE_FILE].map((name) => [name, files.get(name)!]));
  }

  /**
   * Frees the model's and the optimizer's tensors: on the gpu.js backend they hold GL textures, which
   * the browser's garbage collector does not free. The trainer must not be used afterwards.
   */
  dispose(): void {
    this.run.optimizer.dispose();
    this.run.model.dispose();
  }
}
