import { describe, expect, it } from 'vitest';
import { ones, tensor } from './creation.js';
import { OpProfile } from './profile.js';
import { noGrad, profileOps, tidy } from './scope.js';

describe('profileOps', () => {
  it('files ops under forward, backward and optimizer, with their call counts', () => {
    const w = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { requiresGrad: true },
    );
    const profile = new OpProfile();
    profileOps(profile, () => {
      tidy(() => ones([3, 2]).matmul(w).tanh().sum().backward());
      profile.phase = 'optimizer';
      noGrad(() => w.sub_(w.grad!, 0.1).mul_(0.5));
    });
    const calls = Object.fromEntries(profile.table().map((r) => [`${r.phase} ${r.op}`, r.calls]));
    expect(calls).toMatchObject({
      'forward matmul': 1,
      'forward tanh': 1,
      'forward sum': 1,
      'backward tanhGrad': 1,
      'backward matmul': 1,
      'backward accumulateGrad': 1,
      'optimizer add_': 1,
      'optimizer mul_': 1,
    });
    expect(calls['forward add_']).toBeUndefined();
    expect(profile.totalMs()).toBeCloseTo(
      profile.totalMs('forward') + profile.totalMs('backward') + profile.totalMs('optimizer'),
      9,
    );
    w.dispose();
  });

  it('records nothing outside profileOps', () => {
    const profile = new OpProfile();
    profileOps(profile, () => {});
    tidy(() => ones([2]).add(1));
    expect(profile.table()).toEqual([]);
  });
});
