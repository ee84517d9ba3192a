// Bundled with esbuild and loaded into headless Chromium by browser.test.ts: runs the parity cases
// on the CPU backend and on a browser gpu.js mode in the page and hands both results back to Node.
import { CpuBackend, dispose, tensor, tidy } from '@makemore/tensor';
import { GpuBackend } from '../backend.js';
import { type GpuMode, probeModes, probeWebGpu } from '../modes.js';
import { mlpSetup, mlpStep, mlpStepAsync } from './mlp.js';
import { type CaseResult, COMPOSITES, PARITY, type ParityCase, runCase, runCaseAsync } from './parity.js';

interface Side {
  out: number[];
  dtype: string;
  shape: number[];
  grads: number[][];
}

/** One case as both backends ran it in the page, or the error the gpu.js side threw. */
export interface BrowserCase {
  name: string;
  cpu?: Side;
  gpu?: Side;
  error?: string;
  leaked?: string;
}

/** Runs a case; WebGPU reads back only asynchronously, the other modes synchronously as most callers do. */
async function side(c: ParityCase, device: CpuBackend | GpuBackend, seed: number): Promise<Side> {
  const async = device instanceof GpuBackend && device.mode === 'webgpu';
  const r: CaseResult = async ? await runCaseAsync(c, device, seed) : runCase(c, device, seed);
  return {
    out: Array.from(r.out),
    dtype: r.dtype,
    shape: [...r.shape],
    grads: r.grads.map((g) => Array.from(g)),
  };
}

/** The parity case names in order; `firstPerOp` keeps one case per op (plus every composite). */
export function caseList(firstPerOp: boolean): [string, ParityCase][] {
  const all: [string, ParityCase][] = [];
  for (const [op, cases] of Object.entries(PARITY)) {
    for (const c of firstPerOp ? cases.slice(0, 1) : cases) all.push([`${op}: ${c.name}`, c]);
  }
  for (const c of COMPOSITES) all.push([`composite: ${c.name}`, c]);
  return all;
}

async function parity(
  mode: GpuMode,
  firstPerOp: boolean,
): Promise<{
  cases: BrowserCase[];
  mlp: { cpu: number[]; gpu: number[] } | { error: string };
  degraded: [string, string][];
}> {
  const cpu = new CpuBackend();
  const gpu = new GpuBackend({ mode });
  // Seeds follow the full list so a case gets the same inputs whichever list it runs in.
  const seeds = new Map(caseList(false).map(([name], i) => [name, i + 1]));
  const cases: BrowserCase[] = [];
  for (const [name, c] of caseList(firstPerOp)) {
    const seed = seeds.get(name)!;
    try {
      const before = gpu.memory().numBuffers;
      const result: BrowserCase = { name, cpu: await side(c, cpu, seed), gpu: await side(c, gpu, seed) };
      if (gpu.memory().numBuffers !== before || gpu.stats().liveTextures !== 0) {
        result.leaked = `${gpu.memory().numBuffers - before} buffers, ${gpu.stats().liveTextures} device values`;
      }
      cases.push(result);
    } catch (e) {
      cases.push({ name, error: e instanceof Error ? e.message : String(e) });
    }
  }
  let mlp: { cpu: number[]; gpu: number[] } | { error: string };
  try {
    const a = mlpSetup(cpu);
    const b = mlpSetup(gpu);
    const step = mode === 'webgpu' ? mlpStepAsync : async (s: typeof b) => mlpStep(s);
    mlp = { cpu: [mlpStep(a), mlpStep(a)], gpu: [await step(b), await step(b)] };
    for (const s of [a, b]) dispose([...Object.values(s.params), s.X, s.Y]);
  } catch (e) {
    mlp = { error: e instanceof Error ? e.message : String(e) };
  }
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
w['makemoreParity'] = parity;
w['makemoreProbes'] = async () => [...probeModes(), await probeWebGpu()];
