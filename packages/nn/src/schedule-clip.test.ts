import { tensor } from '@makemore/tensor';
import { describe, expect, it } from 'vitest';
import { clipGradNorm } from './clip.js';
import { learningRateAt, validateLrSchedule } from './schedule.js';

describe('learningRateAt', () => {
  it('follows the lecture step decay (0.1, then 0.01 from step 100000)', () => {
    const s = { kind: 'step', lr: 0.1, decayAt: [100000], factor: 0.1 } as const;
    expect(learningRateAt({ ...s, decayAt: [...s.decayAt] }, 0)).toBe(0.1);
    expect(learningRateAt({ ...s, decayAt: [...s.decayAt] }, 99999)).toBe(0.1);
    expect(learningRateAt({ ...s, decayAt: [...s.decayAt] }, 100000)).toBeCloseTo(0.01, 15);
  });

  it('warms up and decays on a cosine', () => {
    const s = { kind: 'cosine', lr: 1, minLr: 0.1, warmupSteps: 10, totalSteps: 110 } as const;
    expect(learningRateAt(s, 0)).toBeCloseTo(0.1);
    expect(learningRateAt(s, 9)).toBeCloseTo(1);
    expect(learningRateAt(s, 60)).toBeCloseTo(0.55);
    expect(learningRateAt(s, 500)).toBeCloseTo(0.1);
  });

  it('rejects malformed schedules', () => {
    expect(() => validateLrSchedule({ kind: 'constant', lr: -1 })).toThrow(/lr must be a positive number/);
    expect(() => validateLrSchedule({ kind: 'step', lr: 1, decayAt: [-5], factor: 0.1 })).toThrow(/decayAt/);
    expect(() => validateLrSchedule({ kind: 'linear', lr: 1 } as never)).toThrow(
      /Unknown LR schedule kind 'linear'/,
    );
  });
});

describe('clipGradNorm', () => {
  it('scales gradients to the maximum global norm and returns the norm before', () => {
    const a = tensor([3], { requiresGrad: true });
    const b = tensor([4], { requiresGrad: true });
    a.mul(b).backward(); // grads: a 4, b 3 → norm 5
    expect(clipGradNorm([a, b], 1)).toBeCloseTo(5);
    expect(a.grad!).toBeAllClose([0.8], { atol: 1e-5 });
    expect(b.grad!).toBeAllClose([0.6], { atol: 1e-5 });
    expect(clipGradNorm([a, b], 10)).toBeCloseTo(1, 4);
    expect(a.grad!).toBeAllClose([0.8], { atol: 1e-5 });
  });
});
