import { describe, expect, test } from 'vitest';
import type { Backend, Kernels } from '../../backend.js';
import { CpuBackend } from '../../cpu/backend.js';
import { AsyncReadbackBackend } from '../async-readback-backend.js';
import { CONFORMANCE_CASES, conformanceCases } from './cases.js';
import { checkConformanceCase } from './check.js';
import { runBackendConformance } from './suite.js';

// The suite every backend runs, here on the CPU backend itself (which checks the suite's runner and
// that no case leaks a buffer) and on the backend that reads back only with await data().
runBackendConformance(
  () => new CpuBackend(),
  { describe, test, expect },
  { title: 'CPU backend conformance' },
);
runBackendConformance(
  () => new AsyncReadbackBackend(),
  { describe, test, expect },
  { title: 'async-readback backend conformance' },
);

describe('conformanceCases', () => {
  test('seeds each case by its place in the full list, so a subset gets the same inputs', () => {
    const all = conformanceCases();
    const first = conformanceCases({ firstPerOp: true });
    expect(first.length).toBeLessThan(all.length);
    expect(first.length).toBeGreaterThanOrEqual(Object.keys(CONFORMANCE_CASES).length);
    const seeds = new Map(all.map((e) => [e.name, e.seed]));
    for (const e of first) expect(e.seed).toBe(seeds.get(e.name));
    expect(new Set(all.map((e) => e.seed)).size).toBe(all.length);
  });
});

/** The CPU backend with some kernels replaced, to see the suite catch a wrong one. */
function patchedCpu(patch: (cpu: Kernels) => Partial<Kernels>): Backend {
  const cpu = new CpuBackend();
  return {
    name: 'patched-cpu',
    kernels: { ...cpu.kernels, ...patch(cpu.kernels) },
    alloc: (size, dtype) => cpu.alloc(size, dtype),
    write: (id, values) => cpu.write(id, values),
    read: (id) => cpu.read(id),
    readSync: (id) => cpu.readSync(id),
    release: (id) => cpu.release(id),
    memory: () => cpu.memory(),
  };
}

describe('checkConformanceCase', () => {
  const entry = (name: string) => conformanceCases().find((e) => e.name === name)!;

  test('reports a kernel that computes the wrong values, forward and backward', async () => {
    const negForExp = patchedCpu((k) => ({
      unary: (x, out, f) => k.unary(x, out, f.name === 'exp' ? { name: 'neg', fn: (v) => -v } : f),
    }));
    const problems = await checkConformanceCase(entry('exp: [3, 4]'), negForExp);
    expect(problems).toEqual([
      expect.stringMatching(/^output: element 0: /),
      expect.stringMatching(/^grad of input 0: /),
    ]);
  });

  test('reports a kernel that throws, and device resources left alive', async () => {
    const noMatmul = patchedCpu(() => ({
      matmul: () => {
        throw new Error('no matmul here');
      },
    }));
    const matmul = entry('matmul: 2-D [32, 30] @ [30, 200]');
    expect(await checkConformanceCase(matmul, noMatmul)).toEqual(['threw: no matmul here']);
    let live = 0;
    const leaky = await checkConformanceCase(entry('neg: [3, 4]'), new CpuBackend(), {
      liveResources: () => live++,
    });
    expect(leaky).toEqual([
      'held after the case: 0 buffers, 1 device resources vs 0 buffers, 0 device resources',
    ]);
  });
});
