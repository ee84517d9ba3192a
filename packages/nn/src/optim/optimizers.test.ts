import { Generator, randn, type Tensor, tensor } from '@makemore/tensor';
import { describe, expect, it } from 'vitest';
import { NnError } from '../nn-error.js';
import { AdamW } from './adamw.js';
import type { NamedParameter, Optimizer } from './optimizer.js';
import { SGD } from './sgd.js';

/** Sets p.grad by back-propagating sum(p * c). */
function setGrad(p: Tensor, c: number[]): void {
  p.zeroGrad();
  p.mul(tensor(c, { dtype: p.dtype }))
    .sum()
    .backward();
}

function param(values: number[]): Tensor {
  return tensor(values, { dtype: 'float64', requiresGrad: true });
}

describe('SGD', () => {
  it('steps p -= lr * grad (the lecture update)', () => {
    const p = param([1, 2]);
    const opt = new SGD([['p', p]], { lr: 0.1 });
    setGrad(p, [1, -2]);
    opt.step();
    expect(p).toBeAllClose([0.9, 2.2]);
    expect(opt.stepCount).toBe(1);
  });

  it('accumulates momentum as PyTorch (b = g first, then b = mu b + g)', () => {
    const p = param([0]);
    const opt = new SGD([['p', p]], { lr: 1, momentum: 0.9 });
    setGrad(p, [1]);
    opt.step(); // b = 1, p = -1
    setGrad(p, [1]);
    opt.step(); // b = 1.9, p = -2.9
    expect(p).toBeAllClose([-2.9]);
  });

  it('adds weight decay to the gradient', () => {
    const p = param([2]);
    const opt = new SGD([['p', p]], { lr: 0.5, weightDecay: 0.1 });
    setGrad(p, [0]);
    opt.step();
    expect(p).toBeAllClose([2 - 0.5 * 0.2]);
  });

  it('rejects bad settings', () => {
    const p = param([0]);
    expect(() => new SGD([['p', p]], { lr: 0 })).toThrow(/lr must be a positive number/);
    expect(() => new SGD([['p', p]], { lr: 1, momentum: 1 })).toThrow(NnError);
    expect(
      () =>
        new SGD(
          [
            ['p', p],
            ['p', p],
          ],
          { lr: 1 },
        ),
    ).toThrow(/given twice/);
  });
});

/** AdamW written out in plain numbers, as torch.optim.AdamW computes it. */
function referenceAdamW(
  p0: number,
  grads: number[],
  lr: number,
  b1: number,
  b2: number,
  eps: number,
  wd: number,
): number {
  let p = p0;
  let m = 0;
  let v = 0;
  grads.forEach((g, i) => {
    const t = i + 1;
    p *= 1 - lr * wd;
    m = b1 * m + (1 - b1) * g;
    v = b2 * v + (1 - b2) * g * g;
    p -= ((lr / (1 - b1 ** t)) * m) / (Math.sqrt(v) / Math.sqrt(1 - b2 ** t) + eps);
  });
  return p;
}

describe('AdamW', () => {
  it('matches the PyTorch update with makemore defaults (betas 0.9/0.99, eps 1e-8, wd 0.01)', () => {
    const p = param([0.5]);
    const opt = new AdamW([['p', p]], { lr: 0.01 });
    expect(opt.betas).toEqual([0.9, 0.99]);
    expect(opt.eps).toBe(1e-8);
    expect(opt.weightDecay).toBe(0.01);
    const grads = [0.3, -1.2, 0.05, 2];
    for (const g of grads) {
      setGrad(p, [g]);
      opt.step();
    }
    expect(p).toBeAllClose([referenceAdamW(0.5, grads, 0.01, 0.9, 0.99, 1e-8, 0.01)], { rtol: 1e-12 });
  });

  it('skips parameters without a gradient', () => {
    const p = param([1]);
    const q = param([1]);
    const opt = new AdamW(
      [
        ['p', p],
        ['q', q],
      ],
      { lr: 0.1 },
    );
    setGrad(p, [1]);
    opt.step();
    expect(q).toBeAllClose([1]);
    expect([...opt.stateDict().tensors.keys()]).toEqual(['exp_avg.p', 'exp_avg_sq.p']);
  });
});

describe('optimizer state', () => {
  const make = (kind: 'sgd' | 'adamw', params: NamedParameter[]): Optimizer =>
    kind === 'sgd' ? new SGD(params, { lr: 0.1, momentum: 0.9 }) : new AdamW(params, { lr: 0.1 });

  for (const kind of ['sgd', 'adamw'] as const) {
    it(`${kind}: a restored optimizer continues exactly like the original`, () => {
      const g = new Generator(0);
      const grads = Array.from(
        { length: 6 },
        () => randn([3], { generator: g, dtype: 'float64' }).tolist() as number[],
      );
      const a = param([1, -1, 0.5]);
      const optA = make(kind, [['w', a]]);
      for (const gr of grads.slice(0, 3)) {
        setGrad(a, gr);
        optA.step();
      }
      const state = optA.stateDict();
      const b = param(a.tolist() as number[]);
      const optB = make(kind, [['w', b]]);
      optB.loadStateDict({
        type: state.type,
        scalars: JSON.parse(JSON.stringify(state.scalars)),
        tensors: new Map([...state.tensors].map(([k, t]) => [k, { shape: t.shape, data: t.dataSync() }])),
      });
      expect(optB.stepCount).toBe(3);
      for (const gr of grads.slice(3)) {
        setGrad(a, gr);
        optA.step();
        setGrad(b, gr);
        optB.step();
      }
      expect(b.dataSync()).toEqual(a.dataSync());
    });
  }

  it('rejects state from another optimizer or another parameter shape', () => {
    const p = param([1, 2]);
    const sgd = new SGD([['p', p]], { lr: 0.1, momentum: 0.5 });
    const adam = new AdamW([['p', p]], { lr: 0.1 });
    expect(() => adam.loadStateDict({ type: 'sgd', scalars: { step: 1 }, tensors: new Map() })).toThrow(
      'The optimizer state is for sgd but this optimizer is adamw.',
    );
    expect(() =>
      sgd.loadStateDict({
        type: 'sgd',
        scalars: { step: 1 },
        tensors: new Map([['momentum.p', { shape: [3], data: [1, 2, 3] }]]),
      }),
    ).toThrow(/'momentum\.p' has shape \[3\] but the parameter has \[2\]/);
    expect(() =>
      sgd.loadStateDict({
        type: 'sgd',
        scalars: { step: 1 },
        tensors: new Map([['momentum.q', { shape: [2], data: [1, 2] }]]),
      }),
    ).toThrow(/matches no parameter/);
  });
});
