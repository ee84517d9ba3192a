import { describe, expect, it } from 'vitest';
import { CheckpointError } from './checkpoint-error.js';
import { runOn, smallNames, trainAndSave } from './test-support/fixtures.js';
import {
  decodeTrainingCheckpoint,
  encodeRunCheckpoint,
  isResumable,
  TRAINING_STATE_FILE,
} from './training-checkpoint.js';

const names = await smallNames(200);

async function checkpointFiles(): Promise<Map<string, Uint8Array>> {
  const setup = { model: 'mlp', hyperparameters: { nHidden: 8 }, recipe: { steps: 4, evalEvery: 2 } };
  return (await trainAndSave(names, setup)).files;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof CheckpointError) return error.code;
    throw error;
  }
  return undefined;
}

describe('training checkpoints', () => {
  it('round-trip the step, RNG state, optimizer state and latest weights', async () => {
    const files = await checkpointFiles();
    expect(isResumable(files)).toBe(true);
    const cp = decodeTrainingCheckpoint(files, ['mlp']);
    expect(cp.state.step).toBe(4);
    expect(cp.state.recipe).toMatchObject({ optimizer: 'sgd', steps: 4, evalEvery: 2, batchSize: 32 });
    expect(cp.state.optimizer).toMatchObject({ type: 'sgd', scalars: { step: 4 } });
    expect([...cp.last.keys()].sort()).toEqual(['C', 'W1', 'W2', 'b1', 'b2']);
    expect(cp.config.hyperparameters).toEqual({ blockSize: 3, nEmbd: 10, nHidden: 8 });
    expect(cp.state.history.evals.map((e) => e.step)).toEqual([2, 4]);
  });

  it("keep a run's best weights as model.safetensors and its latest as last.safetensors", async () => {
    const run = runOn(names, { model: 'bigram-nn', recipe: { steps: 0 } });
    const V = names.vocab.size;
    const tensor = (value: number) => ({
      dtype: 'F32' as const,
      shape: [V, V],
      data: new Float32Array(V * V).fill(value),
    });
    const snapshot = {
      config: run.modelConfig(),
      step: 7,
      seed: 5,
      recipe: run.recipe,
      gradClip: null,
      generator: run.generator,
      optimizer: run.optimizer.stateDict(),
      optimizerTensors: new Map(),
      last: new Map([['W', tensor(2)]]),
      history: { losses: [[7, 1.5] as [number, number]], evals: [] },
    };
    const best = { step: 3, loss: 1.25, weights: new Map([['W', tensor(1)]]) };
    const cp = decodeTrainingCheckpoint(encodeRunCheckpoint({ ...snapshot, best }), ['bigram-nn']);
    expect(cp.weights.get('W')!.data[0]).toBe(1);
    expect(cp.last.get('W')!.data[0]).toBe(2);
    expect(cp.state).toMatchObject({ step: 7, seed: 5, best: { step: 3, loss: 1.25 }, gradClip: null });
    expect(cp.state.generator).toEqual({
      algorithm: 'xoroshiro128plus',
      state: run.generator.getState().state,
    });
    // Before the first evaluation there is no best yet: the latest weights are the model's.
    const first = decodeTrainingCheckpoint(encodeRunCheckpoint({ ...snapshot, best: null }), ['bigram-nn']);
    expect(first.weights.get('W')!.data[0]).toBe(2);
    expect(first.state.best).toBeNull();
  });

  it('explain a directory that cannot be resumed', async () => {
    const files = await checkpointFiles();
    const partial = new Map(files);
    partial.delete(TRAINING_STATE_FILE);
    expect(isResumable(partial)).toBe(false);
    expect(() => decodeTrainingCheckpoint(partial, ['mlp'])).toThrow(
      'The model directory has no training-state.json, so training cannot be resumed from it; start a new run with `createTrainingRun` instead.',
    );
    const garbled = new Map(files);
    garbled.set(TRAINING_STATE_FILE, new TextEncoder().encode('{"format":'));
    expect(codeOf(() => decodeTrainingCheckpoint(garbled, ['mlp']))).toBe('BAD_CONFIG');
    const state = JSON.parse(new TextDecoder().decode(files.get(TRAINING_STATE_FILE)!));
    const newer = new Map(files);
    newer.set(TRAINING_STATE_FILE, new TextEncoder().encode(JSON.stringify({ ...state, formatVersion: 99 })));
    expect(codeOf(() => decodeTrainingCheckpoint(newer, ['mlp']))).toBe('NEWER_FORMAT');
    const badStep = new Map(files);
    badStep.set(TRAINING_STATE_FILE, new TextEncoder().encode(JSON.stringify({ ...state, step: -1 })));
    expect(() => decodeTrainingCheckpoint(badStep, ['mlp'])).toThrow(
      /training-state\.json is invalid at step/,
    );
  });
});
