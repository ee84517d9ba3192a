// Bundled with esbuild and loaded into headless Chromium by browser.test.ts: runs the parity cases
// on the CPU backend and on a browser gpu.js mode in the page and hands both results back to Node.
import { CpuBackend, dispose } from '@makemore/tensor';
import { GpuBackend } from '../backend.js';
import { type GpuMode, probeModes } from '../modes.js';
import { mlpSetup, mlpStep } from './mlp.js';
import { COMPOSITES, PARITY, type ParityCase, runCase } from './parity.js';

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

function side(c: ParityCase, device: CpuBackend | GpuBackend, seed: number): Side {
  const r = runCase(c, device, seed);
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

function parity(
  mode: GpuMode,
  firstPerOp: boolean,
): {
  cases: BrowserCase[];
  mlp: { cpu: number[]; gpu: number[] } | { error: string };
  degraded: [string, string][];
} {
  const cpu = new CpuBackend();
  const gpu = new GpuBackend({ mode });
  // Seeds follow the full list so a case gets the same inputs whichever list it runs in.
  const seeds = new Map(caseList(false).map(([name], i) => [name, i + 1]));
  const cases = caseList(firstPerOp).map(([name, c]): BrowserCase => {
    const seed = seeds.get(name)!;
    try {
      const before = gpu.memory().numBuffers;
      const result: BrowserCase = { name, cpu: side(c, cpu, seed), gpu: side(c, gpu, seed) };
      if (gpu.memory().numBuffers !== before || gpu.stats().liveTextures !== 0) {
        result.leaked = `${gpu.memory().numBuffers - before} buffers, ${gpu.stats().liveTextures} textures`;
      }
      return result;
    } catch (e) {
      return { name, error: e instanceof Error ? e.message : String(e) };
    }
  });
  let mlp: { cpu: number[]; gpu: number[] } | { error: string };
  try {
    const a = mlpSetup(cpu);
    const b = mlpSetup(gpu);
    mlp = { cpu: [mlpStep(a), mlpStep(a)], gpu: [mlpStep(b), mlpStep(b)] };
    for (const s of [a, b]) dispose([...Object.values(s.params), s.X, s.Y]);
  } catch (e) {
    mlp = { error: e instanceof Error ? e.message : String(e) };
  }
  return { cases, mlp, degraded: [...gpu.degradedOps()] };
}

const w = globalThis as unknown as Record<string, unknown>;
w['makemoreParity'] = parity;
w['makemoreProbes'] = () => probeModes();
