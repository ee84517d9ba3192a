import type { DataSplit, VocabLayout } from '@makemore/data';
import type { LanguageModel } from '@makemore/sampling';
import type { ModelDirectory } from '@makemore/train';

/** Everything `makemore train` passes to a model type. */
export interface TrainRequest {
  /** The dataset split into train, val and test items. */
  split: DataSplit;
  /** Vocabulary layout. */
  layout: VocabLayout;
  /** Seed of the split and of every random choice; stored so the split can be rebuilt. */
  seed: number;
  /** Whether items were lower-cased on loading; stored so the data can be reloaded the same way. */
  lowercase: boolean;
  /** Add-α smoothing for count models. */
  smoothing: number;
  /** Description of the data for config.json. */
  data: { source: string; items: readonly string[] };
}

/** One model type the CLI can train and load, found by name in the registry. */
export interface ModelKind {
  /** Registry name, as `--model` takes it. */
  readonly name: string;
  /** One line for `--help`. */
  readonly description: string;
  /** Trains on `request.split.train` and returns the model directory to write. */
  train(request: TrainRequest): Promise<ModelDirectory>;
  /** Rebuilds a model from a validated model directory. */
  load(directory: ModelDirectory): LanguageModel;
}
