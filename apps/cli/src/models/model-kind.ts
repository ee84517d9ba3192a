import type { DataSplit, Vocab, VocabLayout } from '@makemore/data';
import type { ModelDirectory } from '@makemore/train';

/** A word's log-likelihood under a model, with one term per predicted token. */
export interface WordScore {
  /** The word as given. */
  word: string;
  /** Sum of the terms' log-probabilities; -Infinity when a token has probability 0. */
  logLikelihood: number;
  /** One entry per predicted token: its context, the token and its probability. */
  terms: Array<{ context: string; next: string; probability: number; logProbability: number }>;
}

/** What every command needs from a trained model, whatever its type. */
export interface LoadedModel {
  /** The model's vocabulary. */
  readonly vocab: Vocab;
  /** Draws `count` new items, reproducibly for a seed. */
  sample(count: number, options: { seed: number }): string[];
  /** Scores one word; throws a DataError naming an unknown character. */
  score(word: string): WordScore;
  /** Average negative log-likelihood per predicted token over `items`. */
  averageNll(items: readonly string[]): { nll: number; tokens: number };
}

/** Everything `makemore train` passes to a model type. */
export interface TrainRequest {
  /** The dataset split into train, val and test items. */
  split: DataSplit;
  /** Vocabulary layout. */
  layout: VocabLayout;
  /** Seed for every random choice. */
  seed: number;
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
  load(directory: ModelDirectory): LoadedModel;
}
