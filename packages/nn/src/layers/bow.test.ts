import { Generator, randn } from '@makemore/tensor';
import { describe, expect, it } from 'vitest';
import { NnError } from '../nn-error.js';
import { BoWBlock } from './bow-block.js';
import { CausalBoW } from './causal-bow.js';

describe('CausalBoW', () => {
  it('replaces position t by the mean of positions 0..t', () => {
    const x = randn([2, 4, 3], { generator: new Generator(1) });
    const y = new CausalBoW(4).forward(x);
    const rows = x.tolist() as number[][][];
    const want = rows.map((seq) =>
      seq.map((_, t) => [0, 1, 2].map((c) => seq.slice(0, t + 1).reduce((s, v) => s + v[c]!, 0) / (t + 1))),
    );
    expect(y).toBeAllClose(want, { atol: 1e-6 });
  });

  it('rejects sequences longer than the block size', () => {
    expect(() => new CausalBoW(2).forward(randn([1, 3, 2], { generator: new Generator(1) }))).toThrow(
      NnError,
    );
  });
});

describe('BoWBlock', () => {
  it("names its tensors as makemore's BoWBlock", () => {
    const block = new BoWBlock(4, 6, { blockSize: 3, generator: new Generator(2) });
    expect(block.namedParameters().map(([name, p]) => [name, p.shape])).toEqual([
      ['mlp.c_fc.weight', [4, 6]],
      ['mlp.c_fc.bias', [6]],
      ['mlp.c_proj.weight', [6, 4]],
      ['mlp.c_proj.bias', [4]],
    ]);
  });

  it('keeps position t independent of later positions', () => {
    const block = new BoWBlock(4, 6, { blockSize: 3, generator: new Generator(2) });
    const x = randn([1, 3, 4], { generator: new Generator(3) });
    const full = block.forward(x).slice(1, 0, 2);
    const prefix = block.forward(x.slice(1, 0, 2));
    expect(full).toBeAllClose(prefix.tolist() as number[][][], { atol: 1e-6 });
  });
});
