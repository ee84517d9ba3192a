/** Where an op ran: in a forward pass, in `backward()`, or in an optimizer update. */
export type ProfilePhase = 'forward' | 'backward' | 'optimizer';

/** One row of an {@link OpProfile}: an op (or in-place update) in one phase. */
export interface OpProfileRow {
  /** The phase the calls ran in. */
  phase: ProfilePhase;
  /** Op name (`matmul`, `binary`, ...), or the in-place method (`add_`, `mul_`, ...). */
  op: string;
  /** Number of calls. */
  calls: number;
  /** Milliseconds spent in those calls, kernels and op bookkeeping together. */
  ms: number;
}

/**
 * Time and call count per op and phase, recorded while it is installed with {@link profileOps}.
 * Each op is timed around its whole `run` (output allocation, kernel and graph record), so the sum
 * over rows is the time inside ops; what a step spends outside them (scopes, batches, `backward()`'s
 * graph walk) is the step's time minus that sum.
 */
export class OpProfile {
  /** The phase that ops outside `backward()` are recorded under; set it around an optimizer step. */
  phase: Exclude<ProfilePhase, 'backward'> = 'forward';
  private readonly rows = new Map<string, OpProfileRow>();

  /** Adds one call. */
  record(phase: ProfilePhase, op: string, ms: number): void {
    const key = `${phase}\u0000${op}`;
    const row = this.rows.get(key);
    if (row) {
      row.calls++;
      row.ms += ms;
    } else this.rows.set(key, { phase, op, calls: 1, ms });
  }

  /** The rows, slowest first. */
  table(): OpProfileRow[] {
    return [...this.rows.values()].map((r) => ({ ...r })).sort((a, b) => b.ms - a.ms);
  }

  /** Milliseconds recorded in `phase`, or in all phases. */
  totalMs(phase?: ProfilePhase): number {
    let sum = 0;
    for (const r of this.rows.values()) if (phase === undefined || r.phase === phase) sum += r.ms;
    return sum;
  }
}
