import { NnError } from './nn-error.js';

/** The same rate at every step. */
export interface ConstantSchedule {
  /** Discriminant. */
  kind: 'constant';
  /** The learning rate. */
  lr: number;
}

/** The lecture's decay: `lr`, multiplied by `factor` from each step listed in `decayAt`. */
export interface StepSchedule {
  /** Discriminant. */
  kind: 'step';
  /** The starting rate. */
  lr: number;
  /** Steps (0-based) from which the rate is multiplied by `factor` again. */
  decayAt: number[];
  /** The multiplier (0.1 in the lectures). */
  factor: number;
}

/** Linear warm-up over `warmupSteps`, then a cosine from `lr` down to `minLr` at `totalSteps`. */
export interface CosineSchedule {
  /** Discriminant. */
  kind: 'cosine';
  /** The peak rate. */
  lr: number;
  /** The final rate. */
  minLr: number;
  /** Steps of linear warm-up. */
  warmupSteps: number;
  /** Step at which the cosine reaches `minLr`. */
  totalSteps: number;
}

/**
 * A learning-rate schedule as plain data (JSON-serialisable, so a checkpoint records it). The
 * lecture's `lr = 0.1 if i < 100000 else 0.01` is `{ kind: 'step', lr: 0.1, decayAt: [100000], factor: 0.1 }`.
 */
export type LrSchedule = ConstantSchedule | StepSchedule | CosineSchedule;

/**
 * The learning rate at `step` (0-based) under `schedule`.
 *
 * @example
 * ```ts
 * const s: LrSchedule = { kind: 'step', lr: 0.1, decayAt: [100000], factor: 0.1 };
 * learningRateAt(s, 99999); // 0.1
 * learningRateAt(s, 100000); // 0.01 (0.1 · 0.1, rounded as floats are)
 * ```
 */
export function learningRateAt(schedule: LrSchedule, step: number): number {
  switch (schedule.kind) {
    case 'constant':
      return schedule.lr;
    case 'step': {
      let lr = schedule.lr;
      for (const at of schedule.decayAt) if (step >= at) lr *= schedule.factor;
      return lr;
    }
    case 'cosine': {
      const { lr, minLr, warmupSteps, totalSteps } = schedule;
      if (step < warmupSteps) return (lr * (step + 1)) / warmupSteps;
      const span = Math.max(1, totalSteps - warmupSteps);
      const progress = Math.min(1, (step - warmupSteps) / span);
      return minLr + 0.5 * (lr - minLr) * (1 + Math.cos(Math.PI * progress));
    }
    default:
      throw new NnError('BAD_ARGUMENT', `Unknown LR schedule kind '${(schedule as { kind: string }).kind}'.`);
  }
}

/**
 * Checks a schedule read from somewhere else (a checkpoint, a command line).
 *
 * @throws {@link NnError} `BAD_ARGUMENT` naming the bad field
 */
export function validateLrSchedule(schedule: LrSchedule): LrSchedule {
  const positive = (name: string, v: unknown) => {
    if (typeof v !== 'number' || !(v > 0) || !Number.isFinite(v)) {
      throw new NnError(
        'BAD_ARGUMENT',
        `The learning-rate schedule's ${name} must be a positive number, got ${String(v)}.`,
      );
    }
  };
  positive('lr', schedule.lr);
  if (schedule.kind === 'step') {
    positive('factor', schedule.factor);
    if (!Array.isArray(schedule.decayAt) || !schedule.decayAt.every((s) => Number.isInteger(s) && s >= 0)) {
      throw new NnError(
        'BAD_ARGUMENT',
        "The learning-rate schedule's decayAt must be a list of non-negative step numbers.",
      );
    }
  } else if (schedule.kind === 'cosine') {
    if (!(schedule.minLr >= 0))
      throw new NnError('BAD_ARGUMENT', "The cosine schedule's minLr must be at least 0.");
    if (!(Number.isInteger(schedule.warmupSteps) && schedule.warmupSteps >= 0)) {
      throw new NnError('BAD_ARGUMENT', "The cosine schedule's warmupSteps must be a non-negative integer.");
    }
    positive('totalSteps', schedule.totalSteps);
  } else if (schedule.kind !== 'constant') {
    throw new NnError(
      'BAD_ARGUMENT',
      `Unknown LR schedule kind '${String((schedule as { kind: unknown }).kind)}'; use constant, step or cosine.`,
    );
  }
  return schedule;
}
