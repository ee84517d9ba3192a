import type { PytorchResult } from './pytorch.js';
import type { SpeedRow } from './speed-step.js';

// How train-speed.ts prints its figures: our column alone, or ours beside PyTorch's.

/** Our row and, with --vs-pytorch, PyTorch's for the same model (null where it could not run). */
export interface VersusRow extends SpeedRow {
  pytorch: PytorchResult | null;
}

/** Where and with what the figures were taken, repeated on every JSON line so each stands alone. */
export interface SpeedMeta {
  cpu: string;
  node: string;
  torch: string | null;
  python: string | null;
  /** PyTorch's intra-op threads (--threads). */
  threads: number;
  /** Ours: threads sharing the CPU backend's large matmuls (--our-threads). */
  oursThreads: number;
  /** Which build of our wasm kernels ran: `'relaxed-simd'` (fused multiply-add) or `'simd'`. */
  oursKernels: string;
  date: string;
}

const count = (n: number) => n.toLocaleString('en-US');

/** The Markdown table of our figures (the bench's output without --vs-pytorch). */
export function oursTable(rows: readonly SpeedRow[]): string {
  return [
    '| model | parameters | batch | steps/s |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map(
      (r) => `| ${r.model} | ${count(r.parameters)} | ${r.batchSize} | ${r.stepsPerSecond.toFixed(1)} |`,
    ),
    '',
  ].join('\n');
}

/** Whether both sides built a model of the same size; when not, the ratio compares different work. */
export function parametersMatch(row: VersusRow): boolean {
  return row.pytorch === null || row.pytorch.parameters === row.parameters;
}

/** Ours divided by PyTorch's steps per second: above 1 we are faster. */
export function ratioOf(row: VersusRow): number | null {
  return row.pytorch ? row.stepsPerSecond / row.pytorch.stepsPerSecond : null;
}

/** The Markdown table of both sides; a parameter mismatch shows both counts, flagged. */
export function versusTable(rows: readonly VersusRow[]): string {
  return [
    '| model | parameters | batch | ours (steps/s) | PyTorch (steps/s) | ours / PyTorch |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => {
      const parameters = parametersMatch(r)
        ? count(r.parameters)
        : `${count(r.parameters)} ⚠ PyTorch ${count(r.pytorch!.parameters)}`;
      const theirs = r.pytorch ? r.pytorch.stepsPerSecond.toFixed(1) : 'failed';
      const ratio = ratioOf(r);
      return `| ${r.model} | ${parameters} | ${r.batchSize} | ${r.stepsPerSecond.toFixed(1)} | ${theirs} | ${ratio === null ? '–' : ratio.toFixed(2)} |`;
    }),
    '',
  ].join('\n');
}

/** One JSON line per model with both figures, the ratio and the meta. */
export function versusJsonLines(rows: readonly VersusRow[], meta: SpeedMeta): string {
  return rows
    .map((r) =>
      JSON.stringify({
        bench: 'train-speed-vs-pytorch',
        model: r.model,
        parameters: r.parameters,
        pytorchParameters: r.pytorch?.parameters ?? null,
        parametersMatch: parametersMatch(r),
        batchSize: r.batchSize,
        oursStepsPerSecond: r.stepsPerSecond,
        pytorchStepsPerSecond: r.pytorch?.stepsPerSecond ?? null,
        ratio: ratioOf(r),
        ...meta,
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}
