import { Generator, tensor, zeros } from '@makemore/tensor';
import { describe, expect, it } from 'vitest';
import { NnError } from '../nn-error.js';
import { LSTMCell } from './lstm-cell.js';

// Deterministic values that both this test and the PyTorch snippet below can build: 0.5·sin(k·(j+1)).
const values = (n: number, k: number) => Array.from({ length: n }, (_, j) => 0.5 * Math.sin(k * (j + 1)));

describe('LSTMCell', () => {
  it("matches torch.nn.LSTMCell over two steps, with PyTorch's weights transposed", () => {
    // Expected values from PyTorch 2.13 in float64:
    //   cell = torch.nn.LSTMCell(3, 2)
    //   cell.weight_ih = values(3·8, 1).view(3, 8).T; cell.weight_hh = values(2·8, 2).view(2, 8).T
    //   cell.bias_ih = values(8, 3); cell.bias_hh = values(8, 4)
    //   h, c = cell(x0, (h0, c0)); h, c = cell(x1, (h, c))
    const cell = new LSTMCell(3, 2, { generator: new Generator(0), dtype: 'float64' });
    cell.loadStateDict(
      new Map([
        ['weight_ih', { shape: [3, 8], data: values(24, 1) }],
        ['weight_hh', { shape: [2, 8], data: values(16, 2) }],
        ['bias_ih', { shape: [8], data: values(8, 3) }],
        ['bias_hh', { shape: [8], data: values(8, 4) }],
      ]),
    );
    const t = (k: number, cols: number) =>
      tensor(values(2 * cols, k), { shape: [2, cols], dtype: 'float64' });
    const one = cell.step(t(5, 3), { h: t(7, 2), c: t(8, 2) });
    const { h, c } = cell.step(t(6, 3), one);
    expect(h).toBeAllClose(
      [
        [0.307560267547, -0.269923447748],
        [0.124783229411, -0.259906324969],
      ],
      { atol: 1e-10 },
    );
    expect(c).toBeAllClose(
      [
        [0.48173587886, -0.654008644665],
        [0.200088783867, -0.639876706046],
      ],
      { atol: 1e-10 },
    );
  });

  it("names its tensors as torch.nn.LSTMCell and starts them in PyTorch's U(±1/√hidden)", () => {
    const cell = new LSTMCell(5, 4, { generator: new Generator(1) });
    expect(cell.namedParameters().map(([name, p]) => [name, p.shape])).toEqual([
      ['weight_ih', [5, 16]],
      ['weight_hh', [4, 16]],
      ['bias_ih', [16]],
      ['bias_hh', [16]],
    ]);
    expect(cell.numParameters()).toBe(4 * (5 * 4 + 4 * 4 + 2 * 4));
    for (const p of cell.parameters()) {
      const data = Array.from(p.dataSync());
      expect(Math.max(...data.map(Math.abs))).toBeLessThanOrEqual(0.5);
    }
  });

  it('rejects inputs and states of the wrong shape', () => {
    const cell = new LSTMCell(3, 2, { generator: new Generator(2) });
    const ok = { h: zeros([4, 2]), c: zeros([4, 2]) };
    expect(() => cell.step(zeros([4, 2]), ok)).toThrow(NnError);
    expect(() => cell.step(zeros([4, 3]), { ...ok, c: zeros([3, 2]) })).toThrow(
      'LSTMCell expects input of shape c (4, 2), got [3, 2].',
    );
    expect(() => new LSTMCell(0, 2, { generator: new Generator(2) })).toThrow(NnError);
  });
});
