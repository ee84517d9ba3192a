import { Generator, randn, type Tensor, tensor } from '@makemore/tensor';
import { describe, expect, it } from 'vitest';
import { gradcheckModule } from '../test-support/gradcheck-module.js';
import { GELU, ReLU, Tanh } from './activations.js';
import { CausalSelfAttention } from './attention.js';
import { BatchNorm1d } from './batch-norm.js';
import { BoWBlock } from './bow-block.js';
import { CausalBoW } from './causal-bow.js';
import { Dropout } from './dropout.js';
import { Embedding } from './embedding.js';
import { Flatten, FlattenConsecutive } from './flatten-consecutive.js';
import { LayerNorm } from './layer-norm.js';
import { Linear } from './linear.js';
import { LSTMCell } from './lstm-cell.js';
import { GRUCell, RNNCell } from './recurrent-cells.js';
import { Sequential } from './sequential.js';
import { TransformerBlock } from './transformer-block.js';

// Every layer's forward and backward, checked against central differences in float64 at tiny sizes.
const dtype = 'float64' as const;
const gen = () => new Generator(1234);
const input = (shape: number[], seed = 5): Tensor =>
  randn(shape, { generator: new Generator(seed), dtype, requiresGrad: true });

describe('gradcheck of every layer (float64)', () => {
  it('Linear with bias on (B, C) and (B, T, C)', () => {
    const layer = new Linear(3, 4, { generator: gen(), dtype, init: 'pytorch' });
    const x = input([2, 3]);
    expect(gradcheckModule(layer, () => layer.forward(x), [x])).toBe(6 + 12 + 4);
    const x3 = input([2, 2, 3]);
    expect(gradcheckModule(layer, () => layer.forward(x3), [x3])).toBe(12 + 16);
  });

  it('Linear without bias', () => {
    const layer = new Linear(3, 2, { generator: gen(), dtype, bias: false, gain: 5 / 3 });
    expect(layer.bias).toBeNull();
    const x = input([4, 3]);
    expect(gradcheckModule(layer, () => layer.forward(x), [x])).toBe(12 + 6);
  });

  it('Embedding (gradient scatter-adds into repeated rows)', () => {
    const layer = new Embedding(5, 3, { generator: gen(), dtype });
    const ids = tensor(
      [
        [0, 0, 4],
        [2, 0, 1],
      ],
      { dtype: 'int32' },
    );
    expect(gradcheckModule(layer, () => layer.forward(ids))).toBe(15);
  });

  it('Tanh, ReLU and GELU', () => {
    const x = input([3, 4]);
    for (const layer of [new Tanh(), new GELU()]) gradcheckModule(layer, () => layer.forward(x), [x]);
    // Away from the kink at 0, where the derivative is undefined.
    const y = tensor([[-1.5, -0.3, 0.2, 2]], { dtype, requiresGrad: true });
    const relu = new ReLU();
    expect(gradcheckModule(relu, () => relu.forward(y), [y])).toBe(4);
  });

  it('BatchNorm1d in training mode over (B, C) and (B, T, C)', () => {
    const bn = new BatchNorm1d(3, { dtype });
    const x = input([4, 3]);
    expect(gradcheckModule(bn, () => bn.forward(x), [x])).toBe(12 + 6);
    const x3 = input([2, 3, 3]);
    expect(gradcheckModule(bn, () => bn.forward(x3), [x3])).toBe(18 + 6);
  });

  it('BatchNorm1d in eval mode', () => {
    const bn = new BatchNorm1d(3, { dtype });
    bn.forward(input([5, 3], 9));
    bn.eval();
    const x = input([2, 3]);
    gradcheckModule(bn, () => bn.forward(x), [x]);
  });

  it('LayerNorm', () => {
    const ln = new LayerNorm(4, { dtype });
    const x = input([2, 3, 4]);
    expect(gradcheckModule(ln, () => ln.forward(x), [x])).toBe(24 + 8);
  });

  it('FlattenConsecutive, Flatten and Sequential', () => {
    const g = gen();
    const net = new Sequential([
      new FlattenConsecutive(2),
      new Linear(4, 3, { generator: g, dtype }),
      new BatchNorm1d(3, { dtype }),
      new Tanh(),
      new FlattenConsecutive(2),
      new Linear(6, 2, { generator: g, dtype }),
    ]);
    const x = input([3, 4, 2]);
    expect(net.forward(x).shape).toEqual([3, 2]);
    gradcheckModule(net, () => net.forward(x), [x]);
    const flat = new Flatten();
    gradcheckModule(flat, () => flat.forward(x), [x]);
  });

  it('Dropout with a fixed mask', () => {
    const g = new Generator(3);
    const drop = new Dropout(0.5, { generator: g });
    const start = g.getState();
    const x = input([4, 5]);
    // Re-seed before each evaluation so every finite difference sees the same mask.
    gradcheckModule(drop, () => {
      g.setState(start);
      return drop.forward(x);
    }, [x]);
  });

  it('CausalSelfAttention', () => {
    const attn = new CausalSelfAttention(4, 2, { blockSize: 3, generator: gen(), dtype });
    const x = input([2, 3, 4]);
    gradcheckModule(attn, () => attn.forward(x), [x]);
  });

  it('TransformerBlock', () => {
    const block = new TransformerBlock(4, 2, { blockSize: 3, generator: gen(), dtype });
    const x = input([1, 3, 4]);
    gradcheckModule(block, () => block.forward(x), [x]);
  });

  it('RNNCell and GRUCell over two steps', () => {
    for (const cell of [
      new RNNCell(3, 2, { generator: gen(), dtype }),
      new GRUCell(3, 2, { generator: gen(), dtype }),
    ]) {
      const x0 = input([2, 3], 1);
      const x1 = input([2, 3], 2);
      const h0 = input([2, 2], 3);
      gradcheckModule(cell, () => cell.step(x1, cell.step(x0, h0)), [x0, x1, h0]);
    }
  });

  it('LSTMCell over two steps, through both h and c', () => {
    const cell = new LSTMCell(3, 2, { generator: gen(), dtype });
    const x0 = input([2, 3], 1);
    const x1 = input([2, 3], 2);
    const h0 = input([2, 2], 3);
    const c0 = input([2, 2], 4);
    const checked = gradcheckModule(cell, () => {
      const { h, c } = cell.step(x1, cell.step(x0, { h: h0, c: c0 }));
      return h.add(c.mul(0.5)); // both outputs, so the gradient reaches c as well as h
    }, [x0, x1, h0, c0]);
    expect(checked).toBe(6 + 6 + 4 + 4 + cell.numParameters());
  });

  it('CausalBoW and BoWBlock', () => {
    const x = input([2, 3, 4]);
    const bow = new CausalBoW(3);
    expect(gradcheckModule(bow, () => bow.forward(x), [x])).toBe(24);
    const block = new BoWBlock(4, 5, { blockSize: 3, generator: gen(), dtype });
    gradcheckModule(block, () => block.forward(x), [x]);
  });
});
