import { GPU, HeadlessGLKernel, WebGL2Kernel, WebGLKernel } from 'gpu.js';

/**
 * The gpu.js modes this backend runs on. `headlessgl` needs the optional native `gl` package and an
 * X server (Node); `webgl2`, `webgl` and `webgpu` run in browsers; `webasm` (WebAssembly SIMD) and
 * `cpu` (plain JavaScript) run everywhere. On `webgpu` results read back only asynchronously
 * (`await t.data()`).
 */
export type GpuMode = 'headlessgl' | 'webgl2' | 'webgl' | 'webgpu' | 'webasm' | 'cpu';

/**
 * The modes that can be probed synchronously, best first: the order `device: 'gpu'` tries them in.
 * `webgpu` is not among them: whether a WebGPU adapter answers is known only asynchronously
 * ({@link probeWebGpu}), so only an explicit request takes it.
 */
export const GPU_MODES: readonly GpuMode[] = ['headlessgl', 'webgl2', 'webgl', 'webasm', 'cpu'];

/** Every {@link GpuMode} a device request may name. */
export const ALL_GPU_MODES: readonly GpuMode[] = [...GPU_MODES, 'webgpu'];

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
      case 'webgpu':
        return GPU.isWebGPUSupported
          ? {
              mode,
              available: true,
              renderer: null,
              hardware: false,
              detail: 'webgpu: the WebGPU API is present (await probeWebGpu() to ask for an adapter)',
            }
          : {
              mode,
              available: false,
              renderer: null,
              hardware: false,
              detail: 'webgpu: this runtime has no WebGPU (navigator.gpu)',
            };
      default:
        throw new Error(`Unknown gpu.js mode '${String(mode)}': use one of ${ALL_GPU_MODES.join(', ')}.`);
    }
  } catch (e) {
    if (!ALL_GPU_MODES.includes(mode)) throw e;
    const message = e instanceof Error ? e.message : String(e);
    return { mode, available: false, renderer: null, hardware: false, detail: `${mode}: ${message}` };
  }
}

/** Probes every {@link GpuMode}, best first. */
export function probeModes(): ModeProbe[] {
  return GPU_MODES.map(probeMode);
}

/** The parts of a WebGPU adapter {@link probeWebGpu} reads. */
interface AdapterLike {
  readonly isFallbackAdapter?: boolean;
  readonly info?: {
    vendor?: string;
    architecture?: string;
    description?: string;
    isFallbackAdapter?: boolean;
  };
}

/**
 * Probes gpu.js's `webgpu` mode by asking for an adapter, which only the asynchronous WebGPU API can
 * do. A fallback adapter (a software implementation such as SwiftShader) is available but not
 * hardware. Never rejects.
 *
 * @example
 * ```ts
 * const webgpu = await probeWebGpu();
 * if (webgpu.available) console.log(webgpu.detail); // e.g. 'webgpu: software adapter google swiftshader, not a GPU'
 * ```
 */
export async function probeWebGpu(): Promise<ModeProbe> {
  const mode = 'webgpu';
  const sync = probeMode(mode);
  if (!sync.available) return sync;
  try {
    const gpu = (globalThis as { navigator?: { gpu?: { requestAdapter(): Promise<AdapterLike | null> } } })
      .navigator?.gpu;
    const adapter = await gpu?.requestAdapter();
    if (!adapter) {
      const detail = 'webgpu: the WebGPU API is present but no adapter answered';
      return { mode, available: false, renderer: null, hardware: false, detail };
    }
    const info = adapter.info ?? {};
    const parts = [info.vendor, info.architecture, info.description].filter(
      (p) => p !== undefined && p !== '',
    );
    const renderer = parts.length > 0 ? parts.join(' ') : null;
    const fallback = adapter.isFallbackAdapter ?? info.isFallbackAdapter ?? false;
    const software = fallback || (renderer !== null && SOFTWARE_RENDERER.test(renderer));
    const hardware = !software && renderer !== null;
    const name = renderer ?? 'unnamed';
    const detail = hardware
      ? `webgpu: hardware adapter ${name}`
      : software
        ? `webgpu: software adapter ${name}, not a GPU`
        : 'webgpu: the adapter is not named, so it is not known to be a GPU';
    return { mode, available: true, renderer, hardware, detail };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { mode, available: false, renderer: null, hardware: false, detail: `webgpu: ${message}` };
  }
}
