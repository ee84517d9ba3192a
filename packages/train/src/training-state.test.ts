import { describe, expect, test } from 'vitest';
import { CheckpointError } from './checkpoint-error.js';
import {
  parseTrainingState,
  TRAINING_STATE_FORMAT,
  TRAINING_STATE_VERSION,
  type TrainingState,
} from './training-state.js';

const state: TrainingState = {
  format: TRAINING_STATE_FORMAT,
  formatVersion: TRAINING_STATE_VERSION,
  step: 4,
  seed: 3407,
  recipe: {
    optimizer: 'adamw',
    lr: 0.001,
    lrDecayAt: null,
    lrDecayFactor: 0.1,
    steps: 10,
    batchSize: 32,
    weightDecay: 0.01,
    evalEvery: 2,
    split: 'makemore',
  },
  gradClip: 1,
  generator: { algorithm: 'xoroshiro128plus', state: [1, -2, 3, 4] },
  optimizer: { type: 'adamw', scalars: { t: 4 } },
  best: { step: 4, loss: 2.5 },
  history: {
    losses: [
      [1, 3.3],
      [2, 3.1],
    ],
    evals: [{ step: 2, train: 3, val: null, test: 3.2 }],
  },
};
const raw = (): Record<string, unknown> => JSON.parse(JSON.stringify(state));

function messageOf(json: unknown): string {
  try {
    parseTrainingState(json);
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointError);
    expect((error as CheckpointError).code).toBe('BAD_CONFIG');
    return (error as CheckpointError).message;
  }
  throw new Error('expected a CheckpointError');
}

describe('parseTrainingState', () => {
  test('reads back a state as written, as a copy', () => {
    const json = raw();
    const parsed = parseTrainingState(json);
    expect(parsed).toEqual(state);
    expect(parseTrainingState({ ...json, best: null, gradClip: null }).best).toBeNull();
    (json['history'] as TrainingState['history']).losses.push([3, 3]);
    expect(parsed.history.losses).toHaveLength(2);
  });

  test('a newer version asks for an upgrade', () => {
    expect(() => parseTrainingState({ ...raw(), formatVersion: TRAINING_STATE_VERSION + 1 })).toThrow(
      expect.objectContaining({ code: 'NEWER_FORMAT' }),
    );
  });

  const recipe = (patch: object) => ({ recipe: { ...state.recipe, ...patch } });
  const history = (patch: object) => ({ history: { ...state.history, ...patch } });
  test.each([
    ['a negative step', { step: -1 }, 'step (expected a non-negative integer, got -1)'],
    ['a fractional seed', { seed: 0.5 }, 'seed (expected an integer, got 0.5)'],
    [
      'an unknown optimizer',
      recipe({ optimizer: 'adam' }),
      'recipe.optimizer (expected one of "sgd", "adamw", got "adam")',
    ],
    [
      'an unknown split',
      recipe({ split: 'half' }),
      'recipe.split (expected one of "fractions", "lecture", "makemore", "makemore-torch", "none", got "half")',
    ],
    ['a zero learning rate', recipe({ lr: 0 }), 'recipe.lr (expected a positive number, got 0)'],
    [
      'a fractional decay step',
      recipe({ lrDecayAt: 1.5 }),
      'recipe.lrDecayAt (expected a non-negative integer or null, got 1.5)',
    ],
    ['an unknown recipe field', recipe({ momentum: 0.9 }), 'recipe (unknown field "momentum")'],
    ['a missing recipe', { recipe: undefined }, 'recipe (missing; expected an object)'],
    ['a zero gradient clip', { gradClip: 0 }, 'gradClip (expected a positive number or null, got 0)'],
    [
      'another RNG',
      { generator: { algorithm: 'mt19937', state: [1, 2, 3, 4] } },
      'generator.algorithm (expected "xoroshiro128plus", got "mt19937")',
    ],
    [
      'a short RNG state',
      { generator: { algorithm: 'xoroshiro128plus', state: [1, 2, 3] } },
      'generator.state (expected an array of 4, got [1,2,3])',
    ],
    [
      'a fractional RNG word',
      { generator: { algorithm: 'xoroshiro128plus', state: [1, 2, 3, 0.5] } },
      'generator.state.3 (expected an integer, got 0.5)',
    ],
    [
      'a scalar that is a string',
      { optimizer: { type: 'adamw', scalars: { t: '4' } } },
      'optimizer.scalars.t (expected a number, got "4")',
    ],
    ['a best without its loss', { best: { step: 1 } }, 'best.loss (missing; expected a number)'],
    [
      'a loss entry of one number',
      history({ losses: [[1]] }),
      'history.losses.0 (expected [step, loss], got [1])',
    ],
    [
      'a loss entry of three numbers',
      history({
        losses: [
          [1, 2],
          [2, 3, 4],
        ],
      }),
      'history.losses.1 (expected [step, loss], got [2,3,4])',
    ],
    [
      'a loss that is a string',
      history({ losses: [[1, 'x']] }),
      'history.losses.0.1 (expected a number, got "x")',
    ],
    [
      'an evaluation with a string loss',
      history({ evals: [{ step: 2, train: 3, val: 'x', test: null }] }),
      'history.evals.0.val (expected a number or null, got "x")',
    ],
  ])('names the field and what it expected for %s', (_what, patch, where) => {
    expect(messageOf({ ...raw(), ...patch })).toBe(
      `training-state.json is invalid at ${where}; the directory cannot be resumed, but model.safetensors can still be sampled.`,
    );
  });
});
