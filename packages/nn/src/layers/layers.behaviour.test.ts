import { cat, Generator, randn, tensor, zeros } from '@makemore/tensor';
import { describe, expect, it } from 'vitest';
import { NnError } from '../nn-error.js';
import { CausalSelfAttention } from './attention.js';
import { BatchNorm1d } from './batch-norm.js';
import { Dropout } from './dropout.js';
import { Embedding } from './embedding.js';
import { FlattenConsecutive } from './flatten-consecutive.js';
import { LayerNorm } from './layer-norm.js';
import { Linear } from './linear.js';
import { Sequential } from './sequential.js';

describe('BatchNorm1d', () => {
  const x = tensor([
    [1, 2],
    [3, 6],
    [5, 10],
  ]);

  it('normalises with the batch statistics (unbiased variance, as the lecture)', () => {
    const y = new BatchNorm1d(2).forward(x);
    // column 0: mean 3, var 4; column 1: mean 6, var 16
    expect(y).toBeAllClose(
      [
        [-2 / Math.sqrt(4 + 1e-5), -4 / Math.sqrt(16 + 1e-5)],
        [0, 0],
        [2 / Math.sqrt(4 + 1e-5), 4 / Math.sqrt(16 + 1e-5)],
      ],
      { atol: 1e-6 },
    );
  });

  it('updates the running statistics with momentum and uses them in eval mode', () => {
    const bn = new BatchNorm1d(2, { momentum: 0.1 });
    bn.forward(x);
    expect(bn.runningMean).toBeAllClose([0.3, 0.6], { atol: 1e-6 });
    expect(bn.runningVar).toBeAllClose([0.9 + 0.4, 0.9 + 1.6], { atol: 1e-6 });
    bn.eval();
    const y = bn.forward(tensor([[0.3, 0.6]]));
    expect(y).toBeAllClose([[0, 0]], { atol: 1e-6 });
    // Eval mode does not move the statistics.
    expect(bn.runningMean).toBeAllClose([0.3, 0.6], { atol: 1e-6 });
  });

  it('averages over batch and time for (B, T, C)', () => {
    const bn = new BatchNorm1d(1, { momentum: 1 });
    bn.forward(
      tensor([
        [[1], [2]],
        [[3], [6]],
      ]),
    );
    expect(bn.runningMean).toBeAllClose([3], { atol: 1e-6 });
  });

  it('rejects the wrong channel count with the expected shape', () => {
    expect(() => new BatchNorm1d(3).forward(zeros([2, 4]))).toThrow(
      'BatchNorm1d expects input of shape (B, 3) or (B, T, 3), got [2, 4].',
    );
    expect(() => new BatchNorm1d(3, { momentum: 2 })).toThrow(NnError);
  });
});

describe('LayerNorm', () => {
  it('normalises each row with the biased variance', () => {
    const y = new LayerNorm(2).forward(tensor([[1, 3]]));
    expect(y).toBeAllClose([[-1 / Math.sqrt(1 + 1e-5), 1 / Math.sqrt(1 + 1e-5)]], { atol: 1e-6 });
  });
});

describe('FlattenConsecutive', () => {
  it('merges n steps and drops a time axis of 1', () => {
    const x = tensor([...Array(16).keys()], { shape: [1, 4, 4] });
    const y = new FlattenConsecutive(2).forward(x);
    expect(y.shape).toEqual([1, 2, 8]);
    expect(y.tolist()).toEqual([
      [
        [0, 1, 2, 3, 4, 5, 6, 7],
        [8, 9, 10, 11, 12, 13, 14, 15],
      ],
    ]);
    expect(new FlattenConsecutive(4).forward(x).shape).toEqual([1, 16]);
  });

  it('explains a time axis that does not divide', () => {
    expect(() => new FlattenConsecutive(2).forward(zeros([1, 3, 2]))).toThrow(/divisible by 2, got 3/);
  });
});

describe('Embedding and Linear', () => {
  it('looks up rows like C[X]', () => {
    const C = new Embedding(4, 2, { generator: new Generator(0) });
    const out = C.forward(tensor([[3, 0]], { dtype: 'int32' }));
    const w = C.weight.tolist() as number[][];
    expect(out.tolist()).toEqual([[w[3], w[0]]]);
  });

  it('rejects float ids and wrong feature sizes', () => {
    const C = new Embedding(4, 2, { generator: new Generator(0) });
    expect(() => C.forward(tensor([1]))).toThrow(/int32 ids/);
    expect(() => new Linear(3, 2, { generator: new Generator(0) }).forward(zeros([2, 4]))).toThrow(
      'Linear expects input of shape (..., 3), got [2, 4].',
    );
    expect(() => new Linear(0, 2, { generator: new Generator(0) })).toThrow(/positive integer/);
  });

  it('scales the Kaiming init by gain / sqrt(fan_in)', () => {
    const layer = new Linear(400, 300, { generator: new Generator(1), gain: 5 / 3 });
    const std = layer.weight.std().item();
    expect(std).toBeCloseTo(5 / 3 / 20, 2);
  });
});

describe('Dropout', () => {
  it('zeros about p of the values and rescales the rest; passes through in eval mode', () => {
    const drop = new Dropout(0.25, { generator: new Generator(0) });
    const x = zeros([100, 100]).add(1);
    const y = drop.forward(x).dataSync();
    const zeroCount = y.filter((v) => v === 0).length;
    expect(zeroCount / y.length).toBeGreaterThan(0.23);
    expect(zeroCount / y.length).toBeLessThan(0.27);
    expect(y.every((v) => v === 0 || Math.abs(v - 4 / 3) < 1e-6)).toBe(true);
    drop.eval();
    expect(drop.forward(x)).toBe(x);
    expect(new Sequential([drop]).forward(x)).toBe(x);
  });
});

describe('CausalSelfAttention', () => {
  it('lets position t see only positions up to t', () => {
    const attn = new CausalSelfAttention(4, 2, { blockSize: 4, generator: new Generator(0) });
    const g = new Generator(1);
    const a = randn([1, 4, 4], { generator: g });
    // Replace the last step only: the first three outputs must not move, the last must.
    const b = cat([a.slice(1, 0, 3), randn([1, 1, 4], { generator: g })], 1);
    const ya = attn.forward(a);
    const yb = attn.forward(b);
    expect(yb.slice(1, 0, 3)).toBeAllClose(ya.slice(1, 0, 3), { atol: 1e-6 });
    expect(yb.slice(1, 3, 4)).not.toBeAllClose(ya.slice(1, 3, 4), { atol: 1e-3 });
  });

  it('rejects sequences longer than the block size and heads that do not divide', () => {
    const attn = new CausalSelfAttention(4, 2, { blockSize: 2, generator: new Generator(0) });
    expect(() => attn.forward(zeros([1, 3, 4]))).toThrow(/T ≤ 2/);
    expect(() => new CausalSelfAttention(6, 4, { blockSize: 2, generator: new Generator(0) })).toThrow(
      /divisible/,
    );
  });
});
