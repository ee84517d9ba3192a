import { CpuBackend, dispose } from '@makemore/tensor';
import { describe, expect, test } from 'vitest';
import { GpuBackend } from './backend.js';
import { probeModes } from './modes.js';
import { mlpSetup, mlpStep } from './test-support/mlp.js';
import { COMPOSITES, maxViolation, PARITY, type ParityCase, runCase } from './test-support/parity.js';

// Every op case and one MLP training step run on the CPU backend and on each gpu.js mode reachable
// here; a mode that is not reachable is reported as a skipped suite that names the reason.
const cpu = new CpuBackend();
const ATOL = 1e-5;
const RTOL = 1e-4;

function expectClose(
  what: string,
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  atol = ATOL,
  rtol = RTOL,
) {
  const bad = maxViolation(got, want, atol, rtol);
  expect(bad, `${what}: gpu.js ${bad?.a} vs cpu ${bad?.b} at ${bad?.index}`).toBeNull();
}

function checkCase(c: ParityCase, gpu: GpuBackend, seed: number) {
  const before = { ...gpu.memory(), textures: gpu.stats().liveTextures };
  const want = runCase(c, cpu, seed);
  const got = runCase(c, gpu, seed);
  expect(got.shape).toEqual(want.shape);
  expect(got.dtype).toBe(want.dtype);
  expect(got.out.constructor).toBe(want.out.constructor);
  expectClose('output', got.out, want.out);
  expect(got.grads.length).toBe(want.grads.length);
  for (const [i, g] of got.grads.entries()) expectClose(`grad of input ${i}`, g, want.grads[i]!);
  // The scope freed every buffer (and texture) the case made, gradients included.
  expect(gpu.memory().numBuffers).toBe(before.numBuffers);
  expect(gpu.stats().liveTextures).toBe(before.textures);
}

for (const probe of probeModes()) {
  if (!probe.available) {
    const where =
      probe.mode === 'webgl2' || probe.mode === 'webgl' ? ' (browser.test.ts runs it in Chromium)' : '';
    describe.skip(`parity on gpu.js ${probe.mode} — skipped: ${probe.detail}${where}`, () => {
      test('every op and an MLP step', () => {});
    });
    continue;
  }
  describe(`parity on gpu.js ${probe.mode}`, () => {
    const gpu = new GpuBackend({ mode: probe.mode });
    let seed = 1;
    for (const [op, cases] of Object.entries(PARITY)) {
      for (const c of cases) {
        const s = seed++;
        test(`${op}: ${c.name}`, () => checkCase(c, gpu, s));
      }
    }
    for (const c of COMPOSITES) {
      const s = seed++;
      test(`composite: ${c.name}`, () => checkCase(c, gpu, s));
    }

    test(`every kernel ran on ${probe.mode} (gpu.js degraded none to another mode)`, () => {
      expect(gpu.stats().launches).toBeGreaterThan(0);
      expect([...gpu.degradedOps()]).toEqual([]);
    });

    test('one MLP training step (batch 32, block 3, n_embd 10, hidden 200, vocab 27)', () => {
      const a = mlpSetup(cpu);
      const b = mlpSetup(gpu);
      const lossA = mlpStep(a);
      const lossB = mlpStep(b);
      expect(Math.abs(lossB - lossA)).toBeLessThan(1e-5 * Math.max(1, Math.abs(lossA)));
      for (const name of Object.keys(a.params) as (keyof typeof a.params)[]) {
        expectClose(
          `grad of ${name}`,
          b.params[name].grad!.dataSync(),
          a.params[name].grad!.dataSync(),
          1e-5,
          1e-3,
        );
        expectClose(`updated ${name}`, b.params[name].dataSync(), a.params[name].dataSync(), 1e-5, 1e-4);
      }
      // The second step starts from the updated parameters on each side.
      expect(Math.abs(mlpStep(b) - mlpStep(a))).toBeLessThan(1e-4);
      for (const s of [a, b]) dispose([...Object.values(s.params), s.X, s.Y]);
      expect(gpu.stats().liveTextures).toBe(0);
      expect(gpu.memory().numBuffers).toBe(0);
    });
  });
}
