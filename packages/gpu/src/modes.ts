import { GPU, HeadlessGLKernel, WebGL2Kernel, WebGLKernel } from 'gpu.js';

/**
 * The gpu.js modes this backend runs on. `headlessgl` needs the optional native `gl` package and an
 * X server (Node); `webgl2` and `webgl` run in browsers; `webasm` (WebAssembly SIMD) and `cpu` (plain
 * JavaScript) run everywhere. gpu.js's `webgpu` mode is not offered: its kernels only answer with
 * promises, and the tensor core's kernels are synchronous.
 */
export type GpuMode = 'headlessgl' | 'webgl2' | 'webgl' | 'webasm' | 'cpu';

/** Every {@link GpuMode}, best first (the order `device: 'gpu'` tries them in). */
export const GPU_MODES: readonly GpuMode[] = ['headlessgl', 'webgl2', 'webgl', 'webasm', 'cpu'];

/** True for the modes that keep results in GL textures. */
export function isGlMode(mode: GpuMode): boolean {
  return mode === 'headlessgl' || mode === 'webgl2' || mode === 'webgl';
}

/** Whether one gpu.js mode can run here, and the renderer behind it where one can be named. */
export interface ModeProbe {
  /** The mode probed. */
  readonly mode: GpuMode;
  /** True when gpu.js can create kernels in this mode here. */
  readonly available: boolean;
  /** For GL modes, the renderer the driver reports (e.g. `llvmpipe (LLVM 15.0.6, 256 bits)`), if any. */
  readonly renderer: string | null;
  /** True only for a GL mode whose renderer names a hardware GPU (not llvmpipe, SwiftShader, ...). */
  readonly hardware: boolean;
  /** One line saying why the mode is or is not usable. */
  readonly detail: string;
}

const SOFTWARE_RENDERER =
  /llvmpipe|softpipe|swiftshader|swrast|software|basic render|mesa offscreen|lavapipe/i;

// WEBGL_debug_renderer_info.UNMASKED_RENDERER_WEBGL
const UNMASKED_RENDERER = 0x9246;

interface GlLike {
  RENDERER: number;
  getParameter(p: number): unknown;
  getExtension(name: string): unknown;
}

// gpu.js keeps the context it tested features on as a static getter its typings leave out.
function testContextOf(kernelClass: object): unknown {
  return (kernelClass as { testContext?: unknown }).testContext ?? null;
}

function rendererOf(ctx: GlLike | null | undefined): string | null {
  if (!ctx || typeof ctx.getParameter !== 'function') return null;
  try {
    const ext = ctx.getExtension('WEBGL_debug_renderer_info') as { UNMASKED_RENDERER_WEBGL?: number } | null;
    if (ext) {
      const name = ctx.getParameter(ext.UNMASKED_RENDERER_WEBGL ?? UNMASKED_RENDERER);
      if (typeof name === 'string' && name.length > 0) return name;
    }
    const name = ctx.getParameter(ctx.RENDERER);
    return typeof name === 'string' && name.length > 0 ? name : null;
  } catch {
    return null;
  }
}

function glProbe(mode: 'headlessgl' | 'webgl2' | 'webgl', supported: boolean, ctx: () => unknown): ModeProbe {
  if (!supported) {
    const why =
      mode === 'headlessgl'
        ? 'the optional native `gl` package did not load or no X server answered (run under xvfb-run)'
        : `this runtime has no ${mode === 'webgl2' ? 'WebGL2' : 'WebGL'} context`;
    return { mode, available: false, renderer: null, hardware: false, detail: `${mode}: ${why}` };
  }
  const renderer = rendererOf(ctx() as GlLike | null);
  // headless-gl reports its translation layer ('ANGLE') rather than the driver: that proves nothing.
  const named = renderer !== null && !/^(ANGLE|WebKit WebGL|Mozilla)$/i.test(renderer);
  const software = renderer !== null && SOFTWARE_RENDERER.test(renderer);
  const hardware = named && !software;
  const detail = hardware
    ? `${mode}: hardware renderer ${renderer}`
    : software
      ? `${mode}: software renderer ${renderer}, not a GPU`
      : `${mode}: the renderer is not named (${renderer ?? 'unknown'}), so it is not known to be a GPU`;
  return { mode, available: true, renderer, hardware, detail };
}

/** Probes one gpu.js mode. Never throws. */
export function probeMode(mode: GpuMode): ModeProbe {
  try {
    switch (mode) {
      case 'headlessgl':
        return glProbe(mode, GPU.isHeadlessGLSupported, () => testContextOf(HeadlessGLKernel));
      case 'webgl2':
        return glProbe(mode, GPU.isWebGL2Supported, () => testContextOf(WebGL2Kernel));
      case 'webgl':
        return glProbe(mode, GPU.isWebGLSupported, () => testContextOf(WebGLKernel));
      case 'webasm':
        return GPU.isWebAssemblySupported
          ? {
              mode,
              available: true,
              renderer: null,
              hardware: false,
              detail: 'webasm: WebAssembly SIMD on the CPU',
            }
          : {
              mode,
              available: false,
              renderer: null,
              hardware: false,
              detail: 'webasm: WebAssembly is missing',
            };
      case 'cpu':
        return { mode, available: true, renderer: null, hardware: false, detail: 'cpu: plain JavaScript' };
      default:
        throw new Error(`Unknown gpu.js mode '${String(mode)}': use one of ${GPU_MODES.join(', ')}.`);
    }
  } catch (e) {
    if (!GPU_MODES.includes(mode)) throw e;
    const message = e instanceof Error ? e.message : String(e);
    return { mode, available: false, renderer: null, hardware: false, detail: `${mode}: ${message}` };
  }
}

/** Probes every {@link GpuMode}, best first. */
export function probeModes(): ModeProbe[] {
  return GPU_MODES.map(probeMode);
}
