import { Generator, randn, type Tensor, tensor, tidy, zeros } from '@makemore/tensor';
import { disposeMlpFixture, mlpFixture, mlpTrainingStep } from '@makemore/tensor/testing';
import { describe, expect, test } from 'vitest';
import { GpuBackend } from './backend.js';
import { isGlMode, probeModes } from './modes.js';

const modes = probeModes().filter((p) => p.available);

describe.each(modes.map((p) => p.mode))('gpu.js %s', (mode) => {
  const gpu = new GpuBackend({ mode });

  test('compiles a kernel once per op and shape, and again for a new shape', () => {
    const run = (n: number) =>
      tidy(() => {
        randn([n, 5], { generator: new Generator(1), device: gpu })
          .tanh()
          .dataSync();
      });
    run(7);
    const after = gpu.stats().kernelsCompiled;
    const launches = gpu.stats().launches;
    run(7);
    expect(gpu.stats().kernelsCompiled).toBe(after);
    expect(gpu.stats().launches).toBeGreaterThan(launches);
    run(9);
    expect(gpu.stats().kernelsCompiled).toBeGreaterThan(after);
  });

  test('a changing scalar (a learning rate) does not recompile the update kernel', () => {
    tidy(() => {
      const p = zeros([4], { device: gpu });
      const g = tensor([1, 2, 3, 4], { device: gpu });
      p.sub_(g, 0.1);
      const compiled = gpu.stats().kernelsCompiled;
      p.sub_(g, 0.05);
      p.add_(g, 0.3);
      expect(gpu.stats().kernelsCompiled).toBe(compiled);
      const got = p.dataSync();
      for (const [i, v] of [1, 2, 3, 4].entries())
        expect(got[i]).toBeCloseTo(-0.1 * v - 0.05 * v + 0.3 * v, 6);
    });
  });

  test('results of one kernel do not alias each other (immutable outputs)', () => {
    tidy(() => {
      const a = tensor([1, 2, 3], { device: gpu }).mul(2);
      const b = tensor([5, 6, 7], { device: gpu }).mul(2);
      expect(Array.from(a.dataSync())).toEqual([2, 4, 6]);
      expect(Array.from(b.dataSync())).toEqual([10, 12, 14]);
    });
  });

  test('reads back only when asked: item(), dataSync() and await data()', async () => {
    const before = gpu.stats().readbacks;
    const x = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { device: gpu },
    );
    const y = x.matmul(x).add(1).tanh().mul(3).sum();
    expect(gpu.stats().readbacks).toBe(before);
    expect(y.item()).toBeCloseTo(3 * (Math.tanh(8) + Math.tanh(11) + Math.tanh(16) + Math.tanh(23)), 5);
    if (isGlMode(mode)) expect(gpu.stats().readbacks).toBe(before + 1);
    expect(Array.from(await x.data())).toEqual([1, 2, 3, 4]);
    x.dispose();
    y.dispose();
  });

  test('a training step reads back only its loss: indices are checked from their host copy', async () => {
    const s = mlpFixture(gpu);
    await mlpTrainingStep(s);
    const before = gpu.stats();
    for (let i = 0; i < 3; i++) await mlpTrainingStep(s);
    const after = gpu.stats();
    expect(after.readbacks - before.readbacks).toBe(isGlMode(mode) ? 3 : 0);
    // Steady state: every kernel of the step came from the cache.
    expect(after.kernelsCompiled).toBe(before.kernelsCompiled);
    disposeMlpFixture(s);
  });

  test('int32 tensors come back as Int32Array', () => {
    const i = tensor([3, -1, 7], { dtype: 'int32', device: gpu });
    const v = i.dataSync();
    expect(v).toBeInstanceOf(Int32Array);
    expect(Array.from(v)).toEqual([3, -1, 7]);
    i.dispose();
  });

  test('tidy and dispose free every buffer and texture', () => {
    const base = { buffers: gpu.memory().numBuffers, textures: gpu.stats().liveTextures };
    const kept: Tensor = tidy(() => {
      const w = randn([30, 20], { generator: new Generator(3), device: gpu, requiresGrad: true });
      const loss = w.tanh().matmul(w.T).sum();
      loss.backward();
      expect(w.grad).not.toBeNull();
      return loss;
    });
    // The returned loss keeps its graph (and so the buffers backward needs) until it is disposed.
    expect(gpu.memory().numBuffers).toBeGreaterThan(base.buffers);
    kept.dispose();
    expect(gpu.memory().numBuffers).toBe(base.buffers);
    expect(gpu.stats().liveTextures).toBe(base.textures);
  });

  test('knows its texture size limit on GL modes', () => {
    if (isGlMode(mode)) expect(gpu.limits.maxTextureSize).toBeGreaterThanOrEqual(4096);
    else expect(gpu.limits.maxTextureSize).toBeNull();
  });

  test('refuses float64 with a clear error', () => {
    expect(() => zeros([2], { dtype: 'float64', device: gpu })).toThrow(/computes in float32.*CPU backend/);
  });

  test('an out-of-range index throws instead of reading garbage', () => {
    tidy(() => {
      const C = zeros([5, 2], { device: gpu });
      expect(() => C.index(tensor([1, 5], { dtype: 'int32', device: gpu }))).toThrow(
        'index: index 5 is out of range for a dim of size 5.',
      );
      const logits = zeros([2, 3], { device: gpu });
      expect(() => logits.gather(1, tensor([[0], [3]], { dtype: 'int32', device: gpu }))).toThrow(
        /index 3 is out of range/,
      );
    });
  });
});

describe('limits', () => {
  test('a loop longer than maxLoopIterations throws before launching, naming the op and the limit', () => {
    const gpu = new GpuBackend({ mode: 'cpu', maxLoopIterations: 100 });
    tidy(() => {
      const a = zeros([2, 101], { device: gpu });
      const b = zeros([101, 3], { device: gpu });
      expect(() => a.matmul(b)).toThrow(
        "matmul: a kernel loop of 101 iterations exceeds the gpu.js backend's limit of 100 (loopMaxIterations); use the CPU backend or raise maxLoopIterations.",
      );
    });
  });

  test('reductions longer than the loop limit run in stages and stay exact', () => {
    const gpu = new GpuBackend({ mode: 'cpu', maxLoopIterations: 10 });
    tidy(() => {
      const x = tensor(
        Array.from({ length: 2 * 1234 }, (_, i) => (i % 7) - 3),
        { shape: [2, 1234], device: gpu },
      );
      const want = [0, 1].map((r) => {
        let s = 0;
        for (let i = 0; i < 1234; i++) s += ((r * 1234 + i) % 7) - 3;
        return s;
      });
      expect(Array.from(x.sum(1).dataSync())).toEqual(want);
      expect(Array.from(x.max(1).dataSync())).toEqual([3, 3]);
    });
  });

  test('a tensor beyond maxElements throws at allocation', () => {
    const gpu = new GpuBackend({ mode: 'cpu', maxElements: 1000 });
    expect(() => zeros([1001], { device: gpu })).toThrow(
      "alloc: a tensor of 1001 elements exceeds the gpu.js backend's limit of 1000 (float32 index arithmetic); use the CPU backend for it.",
    );
  });

  test('the default limits', () => {
    const gpu = new GpuBackend({ mode: 'cpu' });
    expect(gpu.limits).toEqual({
      maxElements: 4194304,
      maxLoopIterations: 16384,
      maxTextureSize: null,
      maxKernelInputs: 9,
    });
  });
});
