import { describe, expect, it } from 'vitest';
import { CheckpointError } from './checkpoint-error.js';
import { createTrainingRun } from './loop/training-run.js';
import { recorder, smallNames } from './test-support/fixtures.js';
import { decodeTrainingCheckpoint, isResumable, TRAINING_STATE_FILE } from './training-checkpoint.js';

const { split, vocab, data } = await smallNames(200);

async function checkpointFiles(): Promise<Map<string, Uint8Array>> {
  const rec = recorder();
  await createTrainingRun({
    model: 'mlp',
    hyperparameters: { nHidden: 8 },
    recipe: { steps: 4, evalEvery: 2 },
    split,
    vocab,
    data,
  }).train({ save: rec.save });
  return rec.saves.at(-1)!;
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
