import { runBackendConformance } from '@makemore/tensor/testing';
import { describe, expect, test } from 'vitest';
import { GpuBackend } from './backend.js';
import { probeModes } from './modes.js';

// The backend conformance suite of @makemore/tensor/testing (every op case and two MLP training
// steps against the CPU backend) on each gpu.js mode reachable here; a mode that is not reachable
// is reported as a skipped suite that names the reason.
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
    runBackendConformance(
      () => gpu,
      { describe, test, expect },
      { liveResources: (b) => b.stats().liveTextures },
    );

    test(`every kernel ran on ${probe.mode} (gpu.js degraded none to another mode)`, () => {
      expect(gpu.stats().launches).toBeGreaterThan(0);
      expect([...gpu.degradedOps()]).toEqual([]);
    });

    test('the suite left no buffer or texture alive', () => {
      expect(gpu.stats().liveTextures).toBe(0);
      expect(gpu.memory().numBuffers).toBe(0);
    });
  });
}
