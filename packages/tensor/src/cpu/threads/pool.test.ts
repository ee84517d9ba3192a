import { describe, expect, test } from 'vitest';
import { ENGINE } from '../../engine.js';
import { createThreadPool } from '../../node.js';
import { Generator } from '../../random.js';
import { randn } from '../../random-creation.js';
import { tidy } from '../../scope.js';
import type { Tensor } from '../../tensor.js';
import { allowRelaxedSimd, copyTo } from '../../test-support/backends.js';
import { CpuBackend } from '../backend.js';
import { rowsOf } from './pool.js';

// The threaded kernels are the relaxed-SIMD build over shared memory: Node 20 validates it only
// behind a V8 flag, set here for this file and cleared after it.
allowRelaxedSimd();

describe('ThreadPool', () => {
  test('shares rows in multiples of 4 that cover the matrix once', () => {
    for (const [threads, M] of [
      [2, 512],
      [3, 101],
      [4, 9],
    ] as const) {
      const ranges = Array.from({ length: threads }, (_, i) => rowsOf(i, threads, M));
      expect(ranges[0]![0]).toBe(0);
      expect(ranges.at(-1)![1]).toBe(M);
      for (let i = 1; i < threads; i++) expect(ranges[i]![0]).toBe(ranges[i - 1]![1]);
      for (const [r0] of ranges) expect(r0 % 4 === 0 || r0 === M).toBe(true);
    }
  });

  test('matmuls shared by three threads equal one thread’s, bit for bit', async () => {
    const pool = await createThreadPool(3);
    try {
      const threaded = new CpuBackend({ threads: pool });
      const single = new CpuBackend();
      expect([threaded.threads, single.threads, single.relaxedSimd]).toEqual([3, 1, true]);
      const g = new Generator(8);
      let shared = 0;
      // Big enough to be shared (M ≥ 24, 2^21 multiply-adds), odd row counts, three K blocks.
      const shapes: [number, number, number, number][] = [
        [1, 512, 64, 192],
        [1, 101, 700, 40],
        [4, 67, 96, 100],
      ];
      tidy(() => {
        for (const [batch, M, K, N] of shapes) {
          for (const [tA, tB] of [
            [false, false],
            [true, false],
            [false, true],
          ] as const) {
            const a = randn([batch, ...(tA ? [K, M] : [M, K])], { generator: g });
            const b = randn([1, ...(tB ? [N, K] : [K, N])], { generator: g });
            const run = (x: Tensor, y: Tensor) => ENGINE.run('matmul', [x, y], { transA: tA, transB: tB });
            const got = run(copyTo(a, threaded), copyTo(b, threaded)).dataSync();
            const want = run(copyTo(a, single), copyTo(b, single)).dataSync();
            expect(Array.from(got)).toEqual(Array.from(want));
            shared++;
            expect(pool.jobs).toBe(shared);
          }
        }
      });
    } finally {
      pool.close();
    }
  });

  test('refuses a bad thread count and use after close', async () => {
    await expect(createThreadPool(0)).rejects.toThrow(
      'createThreadPool: threads must be a positive integer, got 0.',
    );
    const pool = await createThreadPool(2);
    const threaded = new CpuBackend({ threads: pool });
    pool.close();
    tidy(() => {
      const a = copyTo(randn([256, 256], { generator: new Generator(1) }), threaded);
      expect(() => a.matmul(a)).toThrow('ThreadPool: the pool was closed.');
    });
    expect(() => new CpuBackend({ threads: pool, simd: false })).toThrow(/threads need the wasm kernels/);
  });
});
