import { describe, expect, test } from 'vitest';
import { tensor } from './creation.js';
import { OPS } from './ops/registry.js';
import type { BackwardRule, NoAttrs } from './ops/types.js';
import { Generator } from './random.js';
import { randn } from './random-creation.js';
import { tidy } from './scope.js';
import { allClose, allCloseMismatch, gradcheck, toBeAllClose } from './testing/index.js';

describe('gradcheck', () => {
  test('detects a wrong backward rule', () => {
    const exp = OPS.exp as { backward: BackwardRule<NoAttrs> | null };
    const good = exp.backward;
    // A plausible bug: forgetting the chain rule's dy.
    exp.backward = (_dy, { output }) => [output.mul(1)];
    try {
      tidy(() => {
        const x = randn([3, 2], { generator: new Generator(1), dtype: 'float64', requiresGrad: true });
        expect(() => gradcheck((t) => t.exp(), [x])).toThrow(
          /gradcheck failed: input 0 \(shape \[3, 2\]\) element \d+/,
        );
        const res = gradcheck((t) => t.exp(), [x], { throwOnFailure: false });
        expect(res.ok).toBe(false);
        expect(res.worst).not.toBeNull();
        expect(res.maxAbsError).toBeGreaterThan(1e-3);
      });
    } finally {
      exp.backward = good;
    }
  });

  test('passes a correct rule and counts the checked elements', () => {
    tidy(() => {
      const x = randn([2, 3], { generator: new Generator(2), dtype: 'float64', requiresGrad: true });
      const w = randn([3], { generator: new Generator(3), dtype: 'float64' });
      const res = gradcheck((a) => a.mul(w).tanh(), [x]);
      expect(res).toMatchObject({ ok: true, checked: 6 });
      expect(res.maxAbsError).toBeLessThan(1e-7);
    });
  });

  test('rejects float32 inputs and calls without any input that requires grad', () => {
    tidy(() => {
      const x = tensor([1, 2], { requiresGrad: true });
      expect(() => gradcheck((t) => t.exp(), [x])).toThrow(
        /input 0 requires grad but is float32; use float64/,
      );
      const y = tensor([1, 2], { dtype: 'float64' });
      expect(() => gradcheck((t) => t.exp(), [y])).toThrow(/no input requires grad/);
    });
  });
});

describe('allClose and toBeAllClose', () => {
  test('compares tensors, nested arrays and numbers with rtol/atol', () => {
    tidy(() => {
      const t = tensor([
        [1, 2],
        [3, 4.0001],
      ]);
      expect(
        allClose(
          t,
          [
            [1, 2],
            [3, 4],
          ],
          { rtol: 1e-4 },
        ),
      ).toBe(true);
      expect(
        allClose(
          t,
          [
            [1, 2],
            [3, 4],
          ],
          { rtol: 1e-6 },
        ),
      ).toBe(false);
      expect(allCloseMismatch(t, [1, 2, 3, 4])).toMatch(/shapes differ: \[2, 2\] vs \[4\]/);
      expect(allCloseMismatch(tensor([Number.NaN]), [Number.NaN])).toMatch(/element 0/);
      expect(allClose(tensor([Number.NaN]), [Number.NaN], { equalNan: true })).toBe(true);
      expect(t).toBeAllClose(
        [
          [1, 2],
          [3, 4],
        ],
        { atol: 1e-3 },
      );
      expect(t).not.toBeAllClose([
        [1, 2],
        [3, 5],
      ]);
    });
  });

  test('the matcher explains a failure', () => {
    const res = toBeAllClose.call({}, [1, 2], [1, 3]);
    expect(res.pass).toBe(false);
    expect(res.message()).toMatch(/element 1: 2 vs 3/);
    expect(toBeAllClose.call({}, 'nope', [1]).message()).toMatch(/not a tensor/);
  });
});
