import { OpProfile, type OpProfileRow, profileOps } from '@makemore/tensor';

/** One model's profile: per-op rows averaged per step, and the step's time outside any op. */
export interface StepProfile {
  /** Steps profiled. */
  steps: number;
  /** Mean wall time of a step in milliseconds. */
  stepMs: number;
  /** Rows with `calls` and `ms` per step, slowest first. */
  rows: OpProfileRow[];
  /** Milliseconds per step spent outside ops: scopes, batches, `backward()`'s graph walk, optimizer loop. */
  outsideMs: number;
}

/** The parts of a training step, so the profile can file the optimizer's updates under their phase. */
export interface StepParts {
  /** Batch, forward, loss and backward. */
  lossAndBackward(): void;
  /** The optimizer update and zeroing the gradients. */
  update(): void;
}

/**
 * Profiles `steps` training steps after `warmup` unprofiled ones: time and call count per op and
 * phase (forward, backward, optimizer), per step.
 */
export function profileSteps(parts: StepParts, steps: number, warmup = 20): StepProfile {
  for (let i = 0; i < warmup; i++) {
    parts.lossAndBackward();
    parts.update();
  }
  const profile = new OpProfile();
  const started = performance.now();
  profileOps(profile, () => {
    for (let i = 0; i < steps; i++) {
      profile.phase = 'forward';
      parts.lossAndBackward();
      profile.phase = 'optimizer';
      parts.update();
    }
  });
  const stepMs = (performance.now() - started) / steps;
  const rows = profile.table().map((r) => ({ ...r, calls: r.calls / steps, ms: r.ms / steps }));
  return { steps, stepMs, rows, outsideMs: stepMs - profile.totalMs() / steps };
}

/** The profile as a Markdown table: the top `limit` rows, then the phases' totals. */
export function formatProfile(model: string, p: StepProfile, limit = 25): string {
  const pct = (ms: number) => `${((100 * ms) / p.stepMs).toFixed(1)}%`;
  const phases = ['forward', 'backward', 'optimizer'] as const;
  const lines = [
    `${model}: ${p.stepMs.toFixed(3)} ms per step (${(1000 / p.stepMs).toFixed(1)} steps/s), ${p.steps} steps profiled`,
    '',
    '| phase | op | calls/step | ms/step | share |',
    '| --- | --- | ---: | ---: | ---: |',
    ...p.rows
      .slice(0, limit)
      .map((r) => `| ${r.phase} | ${r.op} | ${r.calls.toFixed(1)} | ${r.ms.toFixed(3)} | ${pct(r.ms)} |`),
    ...phases.map((ph) => {
      const ms = p.rows.filter((r) => r.phase === ph).reduce((s, r) => s + r.ms, 0);
      const calls = p.rows.filter((r) => r.phase === ph).reduce((s, r) => s + r.calls, 0);
      return `| **${ph}** | all ops | ${calls.toFixed(0)} | ${ms.toFixed(3)} | ${pct(ms)} |`;
    }),
    `| **outside ops** | | | ${p.outsideMs.toFixed(3)} | ${pct(p.outsideMs)} |`,
    '',
  ];
  return lines.join('\n');
}
