import { Generator, ones, type Tensor, tensor, zeros } from '@makemore/tensor';
import { describe, expect, it } from 'vitest';
import { Tanh } from './layers/activations.js';
import { BatchNorm1d } from './layers/batch-norm.js';
import { Dropout } from './layers/dropout.js';
import { Linear } from './layers/linear.js';
import { Sequential } from './layers/sequential.js';
import { Module, type TensorValues } from './module.js';
import { NnError } from './nn-error.js';

const g = () => new Generator(42);

function mlp(): Sequential {
  const gen = g();
  return new Sequential([
    new Linear(3, 4, { generator: gen }),
    new BatchNorm1d(4),
    new Tanh(),
    new Linear(4, 2, { generator: gen, bias: false }),
  ]);
}

describe('Module', () => {
  it('names parameters with dotted paths in registration order', () => {
    expect(
      mlp()
        .namedParameters()
        .map(([n]) => n),
    ).toEqual(['0.weight', '0.bias', '1.gamma', '1.beta', '3.weight']);
    expect(
      mlp()
        .namedBuffers()
        .map(([n]) => n),
    ).toEqual(['1.runningMean', '1.runningVar']);
    expect([...mlp().stateDict().keys()]).toEqual([
      '0.weight',
      '0.bias',
      '1.gamma',
      '1.beta',
      '3.weight',
      '1.runningMean',
      '1.runningVar',
    ]);
  });

  it('counts parameters without buffers', () => {
    expect(mlp().numParameters()).toBe(3 * 4 + 4 + 4 + 4 + 4 * 2);
  });

  it('makes parameters leaves that require grad', () => {
    for (const p of mlp().parameters()) {
      expect(p.requiresGrad).toBe(true);
      expect(p.isLeaf).toBe(true);
    }
  });

  it('switches train and eval mode recursively', () => {
    const net = new Sequential([new Dropout(0.5, { generator: g() }), mlp()]);
    net.eval();
    expect(net.layers.every((l) => !l.training)).toBe(true);
    expect((net.layers[1] as Sequential).layers.every((l) => !l.training)).toBe(true);
    net.train();
    expect((net.layers[1] as Sequential).layers[1]!.training).toBe(true);
  });

  it('round-trips a state dict into a fresh module', () => {
    const a = mlp();
    const b = new Sequential([
      new Linear(3, 4, { generator: new Generator(7) }),
      new BatchNorm1d(4),
      new Tanh(),
      new Linear(4, 2, { generator: new Generator(7), bias: false }),
    ]);
    a.forward(
      tensor([
        [1, 2, 3],
        [0, 1, 0],
      ]),
    ); // moves the running statistics
    const state = new Map([...a.stateDict()].map(([k, t]) => [k, { shape: t.shape, data: t.dataSync() }]));
    b.loadStateDict(state);
    for (const [k, t] of b.stateDict()) expect(t).toBeAllClose(a.stateDict().get(k)!);
  });

  it('rejects a state dict with a wrong shape, naming the tensor', () => {
    const net = mlp();
    const state = new Map([...net.stateDict()].map(([k, t]) => [k, { shape: t.shape, data: t.dataSync() }]));
    state.set('0.weight', { shape: [4, 3], data: new Float32Array(12) });
    expect(() => net.loadStateDict(state)).toThrow(
      /'0\.weight' has shape \[4, 3\] but the module expects \[3, 4\]/,
    );
  });

  it('rejects data whose length does not match its own shape, naming both lengths', () => {
    const net = mlp();
    const state = new Map([...net.stateDict()].map(([k, t]) => [k, { shape: t.shape, data: t.dataSync() }]));
    state.set('0.weight', { shape: [3, 4], data: new Float32Array(40) });
    expect(() => net.loadStateDict(state)).toThrow(
      "State '0.weight' has shape [3, 4] but holds 40 values instead of 12; the data does not match its shape.",
    );
  });

  it('rejects missing and unexpected names unless strict is off', () => {
    const net = mlp();
    const state = new Map<string, TensorValues>(
      [...net.stateDict()].map(([k, t]) => [k, { shape: t.shape, data: t.dataSync() }]),
    );
    state.delete('0.bias');
    state.set('extra', { shape: [1], data: [0] });
    let error: unknown;
    try {
      net.loadStateDict(state);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NnError);
    expect((error as NnError).code).toBe('STATE_MISMATCH');
    expect((error as NnError).message).toMatch(/missing 0\.bias; unexpected extra/);
    state.delete('extra');
    expect(() => net.loadStateDict(state, { strict: false })).not.toThrow();
  });

  it('rejects duplicate and dotted names', () => {
    class Bad extends Module {
      constructor(name: string, twice: boolean) {
        super();
        this.addParameter(name, ones([1]));
        if (twice) this.addBuffer(name, zeros([1]));
      }
    }
    expect(() => new Bad('a.b', false)).toThrow(/no '\.'/);
    expect(() => new Bad('a', true)).toThrow(/already registered/);
  });

  it('keeps parameters alive across tidy scopes', async () => {
    const { tidy } = await import('@makemore/tensor');
    let layer: Linear | undefined;
    tidy(() => {
      layer = new Linear(2, 2, { generator: g() });
    });
    const w: Tensor = layer!.weight;
    expect(w.isDisposed).toBe(false);
    expect(() => w.dataSync()).not.toThrow();
  });
});
