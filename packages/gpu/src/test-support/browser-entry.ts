// Bundled with esbuild and loaded into headless Chromium by browser.test.ts: runs the backend
// conformance suite of @makemore/tensor/testing on a browser gpu.js mode in the page, against the
// CPU backend in the same page, and hands the problems it found back to Node.
import { CpuBackend, tensor, tidy } from '@makemore/tensor';
import { checkConformanceCase, checkMlpConformance, conformanceCases } from '@makemore/tensor/testing';
import { GpuBackend } from '../backend.js';
import { type GpuMode, probeModes, probeWebGpu } from '../modes.js';

/** What the suite found on one mode: each case's problems by name (none when it conforms), the MLP's, degraded ops. */
export interface BrowserConformance {
  cases: [string, string[]][];
  mlp: string[];
  degraded: [string, string][];
}

async function conformance(mode: GpuMode, firstPerOp: boolean): Promise<BrowserConformance> {
  const gpu = new GpuBackend({ mode });
  const options = { reference: new CpuBackend(), liveResources: (b: GpuBackend) => b.stats().liveTextures };
  const cases: [string, string[]][] = [];
  for (const entry of conformanceCases({ firstPerOp })) {
    cases.push([entry.name, await checkConformanceCase(entry, gpu, options)]);
  }
  const mlp = await checkMlpConformance(gpu, options);
  return { cases, mlp, degraded: [...gpu.degradedOps()] };
}

/** What the webgpu mode does where it differs from the others: readback, index checks, memory. */
export interface WebGpuBehaviour {
  syncReadError: string;
  values: number[];
  itemError: string;
  deviceIndexError: string;
  liveAfterDispose: number;
  buffersAfterDispose: number;
}

function message(fn: () => unknown): string {
  try {
    fn();
    return '';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

async function webgpuBehaviour(): Promise<WebGpuBehaviour> {
  const gpu = new GpuBackend({ mode: 'webgpu' });
  // The first launches wait for their kernels to compile; the result is kept past the scope.
  const y = tidy(() => tensor([1, 2, 3], { device: gpu }).mul(2).add(1));
  const syncReadError = message(() => y.dataSync());
  const values = Array.from(await y.data());
  const itemError = message(() => tidy(() => y.sum().item()));
  const deviceIndexError = message(() =>
    tidy(() => {
      const table = tensor(
        [
          [1, 2],
          [3, 4],
        ],
        { device: gpu },
      );
      const ones = tensor([1, 1], { dtype: 'int32', device: gpu });
      return table.index(ones.sub(ones)); // indices computed on the device
    }),
  );
  y.dispose();
  await gpu.flush();
  return {
    syncReadError,
    values,
    itemError,
    deviceIndexError,
    liveAfterDispose: gpu.stats().liveTextures,
    buffersAfterDispose: gpu.memory().numBuffers,
  };
}

const w = globalThis as unknown as Record<string, unknown>;
w['makemoreWebGpuBehaviour'] = webgpuBehaviour;
w['makemoreConformance'] = conformance;
w['makemoreProbes'] = async () => [...probeModes(), await probeWebGpu()];
