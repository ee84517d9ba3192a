import { GpuBackend, probeModes, probeWebGpu } from '@makemore/gpu';
import { type Backend, CpuBackend } from '@makemore/tensor';
import { type MatmulResult, matmulBench, matmulSizes, mlpBench, type StepResult } from './gpu-cases.js';

// Bundled by gpu.ts (`bench:gpu --browser`) and run in headless Chromium: the CPU backend and every
// gpu.js browser mode the page offers (webgl2, webgl, webgpu), timed in the page.

async function run(options: { quick: boolean; max: number }) {
  const impls: { impl: string; device: Backend }[] = [{ impl: 'cpu-backend', device: new CpuBackend() }];
  const probes = [...probeModes(), await probeWebGpu()];
  for (const p of probes) {
    if (p.available && (p.mode === 'webgl2' || p.mode === 'webgl' || p.mode === 'webgpu')) {
      impls.push({ impl: `gpujs-${p.mode}`, device: new GpuBackend({ mode: p.mode }) });
    }
  }
  const results: (MatmulResult | StepResult)[] = [];
  for (const { impl, device } of impls) {
    results.push(await mlpBench(impl, device, options.quick));
    await new Promise((r) => setTimeout(r, 0));
  }
  for (const s of matmulSizes(options.max)) {
    for (const { impl, device } of impls) {
      results.push(await matmulBench(impl, device, s, options.quick));
      await new Promise((r) => setTimeout(r, 0));
    }
  }
  return { probes: probes.map((p) => p.detail), userAgent: navigator.userAgent, results };
}

(globalThis as unknown as Record<string, unknown>)['makemoreGpuBench'] = run;
