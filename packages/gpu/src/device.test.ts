import { CpuBackend } from '@makemore/tensor';
import { describe, expect, test } from 'vitest';
import { GpuBackend } from './backend.js';
import { describeBackend, selectDevice } from './device.js';
import { GPU_MODES, type GpuMode, type ModeProbe, probeMode, probeModes, probeWebGpu } from './modes.js';

function probes(over: Partial<Record<GpuMode, Partial<ModeProbe>>>): ModeProbe[] {
  return GPU_MODES.map((mode) => ({
    mode,
    available: mode === 'webasm' || mode === 'cpu',
    renderer: null,
    hardware: false,
    detail: `${mode}: test`,
    ...over[mode],
  }));
}

describe('selectDevice', () => {
  test("'auto' falls back to the CPU backend on a software renderer, saying why in one line", () => {
    const s = selectDevice('auto', {
      probes: probes({
        headlessgl: {
          available: true,
          renderer: 'llvmpipe (LLVM 15.0.6, 256 bits)',
          detail: 'headlessgl: software renderer llvmpipe (LLVM 15.0.6, 256 bits), not a GPU',
        },
      }),
    });
    expect(s.kind).toBe('cpu');
    expect(s.backend).toBeInstanceOf(CpuBackend);
    expect(s.mode).toBeNull();
    expect(s.reason).toBe(
      'auto: no hardware GPU (headlessgl: software renderer llvmpipe (LLVM 15.0.6, 256 bits), not a GPU); using the CPU backend',
    );
    expect(s.reason).not.toContain('\n');
  });

  test("'auto' takes gpu.js when a hardware GPU answers", () => {
    // The probe is faked; the backend is then built on a mode that exists here.
    const s = selectDevice('auto', {
      probes: probes({ cpu: { hardware: true, detail: 'cpu: pretend hardware' } }),
    });
    expect(s.kind).toBe('cpu'); // a non-GL mode is never "hardware" for auto
    const hw = probes({
      headlessgl: { available: true, hardware: true, detail: 'headlessgl: hardware renderer NVIDIA' },
    });
    const real = probeMode('headlessgl');
    if (real.available) {
      const g = selectDevice('auto', { probes: hw });
      expect(g.kind).toBe('gpu.js');
      expect(g.mode).toBe('headlessgl');
      expect(g.reason).toBe('auto: headlessgl: hardware renderer NVIDIA');
    } else {
      expect(() => selectDevice('auto', { probes: hw })).toThrow(/headlessgl/);
    }
  });

  test("'gpu' takes the best available gpu.js mode and lists what it skipped", () => {
    const s = selectDevice('gpu', { probes: probes({}) });
    expect(s.kind).toBe('gpu.js');
    expect(s.mode).toBe('webasm');
    expect(s.backend).toBeInstanceOf(GpuBackend);
    expect(s.reason).toBe(
      'gpu: best available gpu.js mode is webasm: test (headlessgl: test; webgl2: test; webgl: test)',
    );
  });

  test("'cpu' and explicit modes", () => {
    const cpu = new CpuBackend();
    expect(selectDevice('cpu', { cpu })).toEqual({
      backend: cpu,
      kind: 'cpu',
      mode: null,
      reason: 'requested cpu',
    });
    const w = selectDevice('webasm');
    expect(w.mode).toBe('webasm');
    expect(describeBackend(w.backend)).toEqual({ kind: 'gpu.js', mode: 'webasm' });
    expect(describeBackend(cpu)).toEqual({ kind: 'cpu', mode: null });
  });

  test('an unavailable mode or an unknown device is a clear error', () => {
    expect(() =>
      selectDevice('webgl2', {
        probes: probes({ webgl2: { detail: 'webgl2: this runtime has no WebGL2 context' } }),
      }),
    ).toThrow(
      'device webgl2: that gpu.js mode is not available here (webgl2: this runtime has no WebGL2 context).',
    );
    expect(() => selectDevice('cuda' as never)).toThrow(
      "Unknown device 'cuda': use auto, cpu, gpu or a gpu.js mode (headlessgl, webgl2, webgl, webasm, cpu, webgpu).",
    );
    expect(() => new GpuBackend({ mode: 'webgl' })).toThrow(
      /gpu.js mode 'webgl' is not available: webgl: this runtime has no WebGL context/,
    );
  });

  test('webgpu is taken only when named, and Node has none', async () => {
    expect(selectDevice('gpu').mode).not.toBe('webgpu');
    expect(() => selectDevice('webgpu')).toThrow(
      'device webgpu: that gpu.js mode is not available here (webgpu: this runtime has no WebGPU (navigator.gpu)).',
    );
    expect(await probeWebGpu()).toEqual({
      mode: 'webgpu',
      available: false,
      renderer: null,
      hardware: false,
      detail: 'webgpu: this runtime has no WebGPU (navigator.gpu)',
    });
  });
});

describe('probeModes in Node', () => {
  test('webasm and cpu are always there; browser modes are not', () => {
    const byMode = Object.fromEntries(probeModes().map((p) => [p.mode, p]));
    expect(byMode.webasm?.available).toBe(true);
    expect(byMode.cpu?.available).toBe(true);
    expect(byMode.webgl2?.available).toBe(false);
    expect(byMode.webgl?.available).toBe(false);
  });

  test('headlessgl, when it loads, is not taken for a GPU: it does not name its renderer', () => {
    const p = probeMode('headlessgl');
    expect(p.hardware).toBe(false);
    if (p.available)
      expect(p.detail).toBe('headlessgl: the renderer is not named (ANGLE), so it is not known to be a GPU');
    else expect(p.detail).toMatch(/optional native `gl` package did not load or no X server answered/);
  });
});
