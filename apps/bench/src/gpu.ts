import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GpuBackend, probeModes } from '@makemore/gpu';
import { type Backend, CpuBackend } from '@makemore/tensor';
import { launchChromium, openBundledPage } from '../../../tests/support/chromium.mjs';
import { type MatmulResult, matmulBench, matmulSizes, mlpBench, type StepResult } from './gpu-cases.js';

// `pnpm --filter @makemore/bench bench:gpu [--quick] [--max N] [--browser]` (under `xvfb-run -a` for
// headlessgl): the CPU backend of @makemore/tensor against @makemore/gpu on every gpu.js mode
// reachable in Node, for matmul from 32x30x200 to 1024^3 (or --max) and for the makemore MLP
// training step; with --browser, the same in headless Chromium (apt chromium) on webgl2, webgl and
// webgpu (--no-node: Chromium only).

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const maxIdx = args.indexOf('--max');
const max = maxIdx >= 0 ? Number(args[maxIdx + 1]) : 1024;
const browser = args.includes('--browser');
const skipNode = args.includes('--no-node');
const here = dirname(fileURLToPath(import.meta.url));

type Result = MatmulResult | StepResult;

function report(
  title: string,
  results: Result[],
): { lines: string[]; crossover: Record<string, string | null> } {
  const mm = results.filter((r): r is MatmulResult => r.bench === 'matmul');
  const steps = results.filter((r): r is StepResult => r.bench === 'mlp-step');
  const names = [...new Set(results.map((r) => r.impl))];
  const sizes = [...new Set(mm.map((r) => r.size))];
  const lines = [`### ${title}`, ''];
  lines.push(`| matmul (M×K×N) | ${names.map((n) => `${n} ms (GFLOP/s)`).join(' | ')} |`);
  lines.push(`|---|${names.map(() => '---:').join('|')}|`);
  for (const s of sizes) {
    const row = names.map((n) => {
      const r = mm.find((x) => x.impl === n && x.size === s)!;
      return `${r.msPerCall.toFixed(2)} (${r.gflops.toFixed(2)})`;
    });
    lines.push(`| ${s} | ${row.join(' | ')} |`);
  }
  lines.push('', `| MLP step | ${names.join(' | ')} |`, `|---|${names.map(() => '---:').join('|')}|`);
  lines.push(
    `| steps/s | ${names.map((n) => steps.find((x) => x.impl === n)!.stepsPerSec.toFixed(1)).join(' | ')} |`,
  );
  lines.push('', 'Crossover (smallest matmul where the gpu.js mode is faster than the CPU backend):');
  const crossover: Record<string, string | null> = {};
  for (const n of names.filter((x) => x !== 'cpu-backend')) {
    const hit = sizes.find((s) => {
      const g = mm.find((x) => x.impl === n && x.size === s)!;
      const c = mm.find((x) => x.impl === 'cpu-backend' && x.size === s)!;
      return g.msPerCall < c.msPerCall;
    });
    crossover[n] = hit ?? null;
    lines.push(`- ${n}: ${hit ?? `none up to ${sizes[sizes.length - 1]}`}`);
  }
  return { lines, crossover };
}

async function runNode(): Promise<Result[]> {
  const impls: { impl: string; device: Backend }[] = [{ impl: 'cpu-backend', device: new CpuBackend() }];
  for (const p of probeModes()) {
    process.stderr.write(`  ${p.available ? 'run ' : 'skip'} ${p.detail}\n`);
    if (p.available) impls.push({ impl: `gpujs-${p.mode}`, device: new GpuBackend({ mode: p.mode }) });
  }
  const results: Result[] = [];
  for (const { impl, device } of impls) {
    const r = await mlpBench(impl, device, quick);
    results.push(r);
    process.stderr.write(`mlp-step ${impl}: ${r.stepsPerSec.toFixed(1)} steps/s\n`);
  }
  for (const s of matmulSizes(max)) {
    for (const { impl, device } of impls) {
      const r = await matmulBench(impl, device, s, quick);
      results.push(r);
      process.stderr.write(
        `matmul ${s.label} ${impl}: ${r.msPerCall.toFixed(2)} ms, ${r.gflops.toFixed(3)} GFLOP/s\n`,
      );
    }
  }
  return results;
}

async function runChromium(): Promise<{ results: Result[]; probes: string[]; userAgent: string }> {
  const b = await launchChromium();
  try {
    // WebGPU needs a secure context: an https page that playwright answers itself.
    const page = await openBundledPage(b, join(here, 'gpu-browser-entry.js'), 'https://bench.makemore.test/');
    return await page.evaluate(
      (o) =>
        (
          globalThis as unknown as {
            makemoreGpuBench: (o: {
              quick: boolean;
              max: number;
            }) => Promise<{ results: Result[]; probes: string[]; userAgent: string }>;
          }
        ).makemoreGpuBench(o),
      { quick, max },
    );
  } finally {
    await b.close();
  }
}

async function main(): Promise<void> {
  const machine = `${cpus()[0]?.model ?? 'unknown CPU'} x${cpus().length}, Node ${process.version}`;
  process.stderr.write(`machine: ${machine}\n`);
  const out: Record<string, unknown> = { date: new Date().toISOString(), machine, quick };
  const lines: string[] = [];
  if (!skipNode) {
    const node = await runNode();
    const nodeReport = report('Node', node);
    out['node'] = { results: node, crossover: nodeReport.crossover };
    lines.push(...nodeReport.lines);
  }
  if (browser) {
    const c = await runChromium();
    for (const p of c.probes) process.stderr.write(`  chromium: ${p}\n`);
    const chromeReport = report(`Chromium (${c.userAgent})`, c.results);
    out['chromium'] = { ...c, crossover: chromeReport.crossover };
    lines.push('', ...chromeReport.lines);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  const file = join(here, '..', 'bench-results', 'gpu-latest.json');
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  process.stderr.write(`wrote ${file}\n`);
}

await main();
