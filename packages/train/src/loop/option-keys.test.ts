import { describe, expect, it } from 'vitest';
import { smallNames } from '../test-support/fixtures.js';
import { TrainingError } from './training-error.js';
import { createTrainingRun, resumeTrainingRun, type TrainingSetup } from './training-run.js';

const { split, vocab, data } = await smallNames(100);

/** Calls `fn` and returns what it threw (plain JavaScript callers reach these paths untyped). */
function thrown(fn: () => unknown): TrainingError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TrainingError);
    expect((error as TrainingError).code).toBe('BAD_OPTIONS');
    return error as TrainingError;
  }
  throw new Error('expected a TrainingError');
}

// Casts stand for plain JavaScript, where nothing checks the keys before the call.
const untyped = (setup: Record<string, unknown>) => setup as unknown as TrainingSetup;

describe('unknown option keys (plain JavaScript)', () => {
  it('says a recipe field given beside `recipe` goes inside it', () => {
    const error = thrown(() => createTrainingRun(untyped({ model: 'mlp', split, vocab, data, steps: 10 })));
    expect(error.message).toBe(
      "Unknown option 'steps'; recipe fields such as steps go inside `recipe: { steps }`; the setup takes model, hyperparameters, recipe, split, vocab, data, seed, gradClip, dtype.",
    );
  });

  it('says a hyperparameter given beside `hyperparameters` goes inside it', () => {
    const error = thrown(() => createTrainingRun(untyped({ model: 'mlp', split, vocab, data, nHidden: 64 })));
    expect(error.message).toContain('go inside `hyperparameters: { nHidden }`');
  });

  it('names a misspelt key before complaining about the model it hides', () => {
    const error = thrown(() => createTrainingRun(untyped({ modle: 'mlp', split, vocab, data })));
    expect(error.message).toMatch(/^Unknown option 'modle'; the setup takes model, /);
  });

  it('refuses a setup that is not an object', () => {
    const error = thrown(() => createTrainingRun(undefined as unknown as TrainingSetup));
    expect(error.message).toMatch(/^Expected the setup as an object with model, .*, got undefined\.$/);
  });

  it('checks the resume options before reading the checkpoint', () => {
    const options = { split, data, steps: 500 } as unknown as Parameters<typeof resumeTrainingRun>[1];
    const error = thrown(() => resumeTrainingRun(new Map(), options));
    expect(error.message).toBe(
      "Unknown option 'steps'; recipe fields such as steps go inside `recipe: { steps }`; the resume options object takes split, data, recipe.",
    );
  });

  it("points train()'s misplaced recipe fields to where the recipe is set", async () => {
    const run = createTrainingRun({ model: 'bigram-nn', split, vocab, data });
    const options = { steps: 10 } as unknown as Parameters<typeof run.train>[0];
    const error = await run.train(options).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TrainingError);
    expect((error as TrainingError).message).toContain(
      "go inside `recipe: { steps }` of createTrainingRun's setup (or resumeTrainingRun's options); train()'s options object takes onEvent, save",
    );
  });
});
