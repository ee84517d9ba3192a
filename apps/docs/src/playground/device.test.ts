import type { ModeProbe } from '@makemore/gpu';
import { CpuBackend } from '@makemore/tensor';
import { describe, expect, it } from 'vitest';
import { PlaygroundDevices } from './device.js';
import { DEVICE_CHOICES, type DeviceChoice, deviceLabel, glModeOf } from './device-choices.js';

const probe = (mode: ModeProbe['mode'], available: boolean, detail: string): ModeProbe => ({
  mode,
  available,
  renderer: null,
  hardware: false,
  detail,
});

// What headless Chromium reports here: WebGL2 and WebGL on SwiftShader, a software renderer.
const SWIFTSHADER = 'software renderer ANGLE (SwiftShader), not a GPU';
const chromium = [
  probe('headlessgl', false, 'headlessgl: no gl package'),
  probe('webgl2', true, `webgl2: ${SWIFTSHADER}`),
  probe('webgl', true, `webgl: ${SWIFTSHADER}`),
  probe('webasm', true, 'webasm: WebAssembly SIMD on the CPU'),
  probe('cpu', true, 'cpu: plain JavaScript'),
];

describe('glModeOf', () => {
  it('takes WebGL2, software renderers included, and WebGL where WebGL2 is missing', () => {
    expect(glModeOf(chromium)).toBe('webgl2');
    const noWebgl2 = chromium.map((p) => (p.mode === 'webgl2' ? probe('webgl2', false, 'webgl2: none') : p));
    expect(glModeOf(noWebgl2)).toBe('webgl');
  });

  it('says what each GL mode lacks when the browser has neither', () => {
    const none = [
      probe('webgl2', false, 'webgl2: this runtime has no WebGL2 context'),
      probe('webgl', false, 'webgl: this runtime has no WebGL context'),
      probe('webasm', true, 'webasm: WebAssembly SIMD on the CPU'),
    ];
    expect(() => glModeOf(none)).toThrow(
      'gpu.js cannot use WebGL in this browser (webgl2: this runtime has no WebGL2 context; webgl: this runtime has no WebGL context); choose auto or the CPU backend.',
    );
  });
});

describe('PlaygroundDevices', () => {
  it('lists auto, gpu.js on WebGL, gpu.js on WebGPU and the CPU backend', () => {
    expect(DEVICE_CHOICES.map((c) => c.value)).toEqual(['auto', 'webgl', 'webgpu', 'cpu']);
  });

  it('falls back to the CPU backend under auto on a software renderer, and says why', async () => {
    const cpu = new CpuBackend();
    const devices = new PlaygroundDevices({ probes: chromium, cpu });
    const auto = await devices.select('auto');
    expect(auto.kind).toBe('cpu');
    expect(auto.backend).toBe(cpu);
    expect(auto.reason).toBe(`auto: no hardware GPU (webgl2: ${SWIFTSHADER}); using the CPU backend`);
    expect(deviceLabel(auto)).toBe('CPU backend');
    // One backend per choice: training again reuses it (and, on gpu.js, its compiled kernels).
    expect(await devices.select('auto')).toBe(auto);
    expect((await devices.select('cpu')).backend).toBe(cpu);
    expect((await devices.select('cpu')).reason).toBe('requested cpu');
  });

  it('refuses gpu.js on WebGL in Node, where there is none, with the reason', async () => {
    const devices = new PlaygroundDevices();
    await expect(devices.select('webgl')).rejects.toThrow(
      /^gpu\.js cannot use WebGL in this browser \(webgl2: this runtime has no WebGL2 context; webgl: .*\); choose auto or the CPU backend\.$/,
    );
  });

  it('refuses gpu.js on WebGPU in Node, where there is none, with the reason', async () => {
    await expect(new PlaygroundDevices().select('webgpu')).rejects.toThrow(
      'gpu.js cannot use WebGPU in this browser (webgpu: this runtime has no WebGPU (navigator.gpu)); choose another device.',
    );
  });

  it('rejects an unknown choice', async () => {
    await expect(new PlaygroundDevices().select('cuda' as DeviceChoice)).rejects.toThrow(
      "Unknown device 'cuda': choose one of auto, webgl, webgpu, cpu.",
    );
  });

  it('labels a gpu.js selection with its mode', () => {
    expect(deviceLabel({ kind: 'gpu.js', mode: 'webgl2' })).toBe('gpu.js webgl2');
  });
});
