import { describe, expect, test } from 'vitest';
import { CpuBackend } from './cpu/backend.js';
import { tensor, zeros } from './creation.js';
import { crossEntropy } from './functional.js';
import { Generator } from './random.js';
import { randint, randn } from './random-creation.js';
import { keep, memory, noGrad, tidy } from './scope.js';
import type { Tensor } from './tensor.js';

describe('memory', () => {
  test('1,000 training steps inside tidy: live tensors and buffers do not grow, the pool stops allocating', () => {
    const g = new Generator(2147483647);
    const [V, T, E, H, B] = [27, 3, 4, 16, 8];
    const params = [
      randn([V, E], { generator: g, requiresGrad: true }),
      randn([T * E, H], { generator: g, std: 0.2, requiresGrad: true }),
      zeros([H], { requiresGrad: true }),
      randn([H, V], { generator: g, std: 0.1, requiresGrad: true }),
      zeros([V], { requiresGrad: true }),
    ];
    const [C, W1, b1, W2, b2] = params as [Tensor, Tensor, Tensor, Tensor, Tensor];
    const step = () =>
      tidy(() => {
        const X = randint(0, V, [B, T], { generator: g });
        const Y = randint(0, V, [B], { generator: g });
        const h = C.index(X)
          .view(B, T * E)
          .matmul(W1)
          .add(b1)
          .tanh();
        const loss = crossEntropy(h.matmul(W2).add(b2), Y);
        for (const p of params) p.zeroGrad();
        loss.backward();
        noGrad(() => {
          for (const p of params) p.sub_(p.grad!, 0.1);
        });
        return loss.item();
      });
    const first = step();
    step();
    const warm = memory();
    let last = first;
    for (let i = 0; i < 1000; i++) last = step();
    const after = memory();
    expect(after.numTensors).toBe(warm.numTensors);
    expect(after.numBuffers).toBe(warm.numBuffers);
    expect(after.numBytes).toBe(warm.numBytes);
    expect(after.numAllocations).toBe(warm.numAllocations);
    // Parameters plus their gradients are all that stays alive.
    expect(after.numTensors).toBe(2 * params.length);
    expect(last).toBeLessThan(first); // it did train
    for (const p of params) p.dispose();
    expect(memory().numTensors).toBe(warm.numTensors - 2 * params.length);
  });

  test('tidy returns tensors (single, arrays, objects) and disposes the rest', () => {
    const before = memory().numTensors;
    const { a, list } = tidy(() => {
      const x = tensor([1, 2]);
      const y = x.mul(2);
      x.add(1); // garbage
      return { a: y, list: [y.add(1)] };
    });
    expect(memory().numTensors).toBe(before + 2);
    expect(a.tolist()).toEqual([2, 4]);
    a.dispose();
    list[0]!.dispose();
    expect(memory().numTensors).toBe(before);
  });

  test('nested tidy moves a returned tensor to the outer scope; keep() survives all scopes', () => {
    const before = memory().numTensors;
    let kept: Tensor | null = null;
    tidy(() => {
      const inner = tidy(() => tensor([1]).add(1));
      kept = keep(tensor([5]));
      expect(inner.item()).toBe(2);
    });
    expect(memory().numTensors).toBe(before + 1);
    kept!.dispose();
    expect(memory().numTensors).toBe(before);
  });

  test('an exception inside tidy still frees the scope', () => {
    const before = memory().numTensors;
    expect(() =>
      tidy(() => {
        tensor([1, 2, 3]).mul(2);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(memory().numTensors).toBe(before);
  });

  test('tidy rejects async functions', () => {
    expect(() => tidy((async () => undefined) as never)).toThrow(/must be synchronous/);
  });

  test('intermediates disposed by a scope stay alive while a graph needs them, then go', () => {
    const before = memory().numTensors;
    const w = tensor([1, 2], { requiresGrad: true });
    const loss = tidy(() => w.tanh().mul(3).sum()); // tanh output is disposed by the scope...
    loss.backward(); // ...but backward still needs it.
    expect(w.grad).toBeAllClose([3 * (1 - Math.tanh(1) ** 2), 3 * (1 - Math.tanh(2) ** 2)], { atol: 1e-6 });
    loss.dispose(); // frees the whole chain
    expect(memory().numTensors).toBe(before + 2); // w and w.grad
    w.dispose(); // and the leaf takes its gradient with it
    expect(memory().numTensors).toBe(before);
  });

  test('dispose is idempotent and using a disposed tensor fails clearly', () => {
    const t = tensor([1, 2]);
    t.dispose();
    t.dispose();
    expect(t.isDisposed).toBe(true);
    expect(() => t.add(1)).toThrow(/add: an input tensor \(shape \[2\]\) was disposed/);
    expect(() => t.dataSync()).toThrow(/dataSync: the tensor \(shape \[2\]\) was disposed/);
    expect(t.toString()).toBe('tensor(<disposed>, shape=[2])');
  });

  test('the CPU pool reuses released buffers of the same dtype and size', () => {
    const b = new CpuBackend({ simd: false });
    const id = b.alloc(10, 'float32');
    b.release(id);
    const m = b.memory();
    b.alloc(10, 'float32');
    expect(b.memory().numAllocations).toBe(m.numAllocations);
    b.alloc(10, 'int32');
    expect(b.memory().numAllocations).toBe(m.numAllocations + 1);
    expect(b.memory()).toMatchObject({ numBuffers: 2, numBytes: 80, numPooled: 0 });
    const small = new CpuBackend({ maxPoolBytes: 8, simd: false });
    small.release(small.alloc(10, 'float32'));
    expect(small.memory().numPooled).toBe(0);
  });

  test('the wasm arena reuses a released block for any request of its size class, across dtypes', () => {
    const b = new CpuBackend();
    expect(b.simd).toBe(true);
    const first = b.alloc(100, 'float32');
    b.release(first);
    const m = b.memory();
    expect(m.numPooled).toBe(1);
    // 100 float32s and 99 int32s share a size class; 300 float32s do not.
    const second = b.alloc(99, 'int32');
    expect(b.memory()).toMatchObject({ numAllocations: m.numAllocations, numPooled: 0 });
    b.alloc(300, 'float32');
    expect(b.memory().numAllocations).toBe(m.numAllocations + 1);
    expect(b.memory()).toMatchObject({ numBuffers: 2, numBytes: 99 * 4 + 300 * 4 });
    b.write(second, [1, 2, 3].concat(new Array(96).fill(0)));
    expect(Array.from(b.readSync(second)!.slice(0, 3))).toEqual([1, 2, 3]);
  });

  test('tensors keep their values when the wasm memory grows under them', () => {
    const b = new CpuBackend();
    const small = tensor([1.5, -2, 3], { device: b });
    const big = zeros([4096, 1024], { device: b }); // 16 MiB: more than the module's initial memory
    expect(small.tolist()).toEqual([1.5, -2, 3]);
    tidy(() => {
      expect(small.add(1).tolist()).toEqual([2.5, -1, 4]);
      expect(big.sum().item()).toBe(0);
    });
    small.dispose();
    big.dispose();
    expect(b.memory()).toMatchObject({ numBuffers: 0, numBytes: 0 });
  });
});
