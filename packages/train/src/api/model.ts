import type { Vocab } from '@makemore/data';
import {
  averageNll,
  drawSeed,
  type GenerateOptions,
  generate,
  type LanguageModel,
  scoreWords,
  type WordScore,
} from '@makemore/sampling';
import type { DoneEvent } from '../loop/events.js';
import type { ModelConfig } from '../model-config.js';

/** Options of {@link Model.sample}: those of `generate`, with `count` and `seed` optional. */
export interface SampleOptions extends Omit<GenerateOptions, 'count' | 'seed'> {
  /** How many items (default 10). */
  count?: number | undefined;
  /** Seed of the sampler; without one a fresh seed is drawn and returned, so the call can be repeated. */
  seed?: number | undefined;
}

/** What {@link Model.sample} returns. */
export interface Samples {
  /** The generated items, prefix included. The first items for a seed do not depend on `count`. */
  items: string[];
  /** The seed they were drawn with: pass it again to get the same items. */
  seed: number;
}

/**
 * A trained model of any type, count or neural, ready to sample, score, evaluate and save. Get one
 * from `trainModel` or `loadModel`.
 */
export class Model {
  /** The validated `config.json`: model type, hyperparameters, vocabulary and data provenance. */
  readonly config: ModelConfig;
  /** The model as a `LanguageModel`, for everything else `@makemore/sampling` offers. */
  readonly languageModel: LanguageModel;
  /** The last training's losses on each split, when this object came from `trainModel`; else null. */
  readonly training: DoneEvent | null;
  readonly #files: ReadonlyMap<string, Uint8Array>;

  /** @internal Use `trainModel` or `loadModel`. */
  constructor(
    config: ModelConfig,
    languageModel: LanguageModel,
    files: ReadonlyMap<string, Uint8Array>,
    training: DoneEvent | null,
  ) {
    this.config = config;
    this.languageModel = languageModel;
    this.#files = files;
    this.training = training;
  }

  /** The model type (`bigram`, `mlp`, `transformer`, ...). */
  get type(): string {
    return this.config.model;
  }

  /** The vocabulary the model was trained with. */
  get vocab(): Vocab {
    return this.config.vocab;
  }

  // A model trained on lower-cased items sees lower-cased input too, as the CLI does.
  #normalise(text: string): string {
    return this.config.data.lowercase === true ? text.toLowerCase() : text;
  }

  /**
   * Generates new items.
   *
   * @param options - count (default 10), seed (default: a fresh one, returned), temperature, top-k,
   *   top-p, prefix, maximum length
   * @throws SamplingError for an option out of range; DataError for a prefix character outside the vocabulary
   */
  async sample(options: SampleOptions = {}): Promise<Samples> {
    const { count = 10, seed = drawSeed(), prefix, ...rest } = options;
    const items = await generate(this.languageModel, {
      ...rest,
      ...(prefix === undefined ? {} : { prefix: this.#normalise(prefix) }),
      count,
      seed,
    });
    return { items, seed };
  }

  /**
   * The log-likelihood of each word under the model, with the probability of every token.
   *
   * @param words - the words to score
   * @throws DataError naming a character outside the vocabulary
   */
  score(words: readonly string[]): Promise<WordScore[]> {
    return scoreWords(
      this.languageModel,
      Array.isArray(words) ? words.map((word) => this.#normalise(word)) : words,
    );
  }

  /**
   * The average negative log-likelihood per token of `items`: the loss the lectures report.
   *
   * @param items - items whose characters are all in the vocabulary
   */
  async loss(items: readonly string[]): Promise<number> {
    const normalised = Array.isArray(items) ? items.map((item) => this.#normalise(item)) : items;
    return (await averageNll(this.languageModel, normalised)).nll;
  }

  /**
   * The model directory's files (`config.json`, `model.safetensors`, and for a neural model the
   * training state that lets the CLI's `--resume` continue it). Write them where you keep models
   * (`writeModelDirectory` from `@makemore/train/node`, IndexedDB, a download) and read them back
   * with `loadModel`.
   */
  save(): Map<string, Uint8Array> {
    return new Map([...this.#files].map(([name, bytes]) => [name, bytes.slice()]));
  }
}
