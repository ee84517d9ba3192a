import { TrainingError } from '../loop/training-error.js';

/** The most steps a sweep may take: far past any useful search, and a typo's guard. */
export const MAX_SWEEP_STEPS = 1_000_000;

/**
 * Checks the range and length of a learning-rate sweep.
 *
 * @throws {@link TrainingError} `BAD_OPTIONS` naming the bad value
 */
export function checkSweep(from: number, to: number, steps: number): void {
  const bad = (message: string) => new TrainingError('BAD_OPTIONS', message);
  if (!(Number.isFinite(from) && from > 0))
    throw bad(`The sweep's first learning rate must be a positive number, got ${from}.`);
  if (!(Number.isFinite(to) && to > 0))
    throw bad(`The sweep's last learning rate must be a positive number, got ${to}.`);
  if (from >= to)
    throw bad(`The sweep must rise: its first learning rate (${from}) must be below its last (${to}).`);
  if (!Number.isInteger(steps) || steps < 2 || steps > MAX_SWEEP_STEPS) {
    throw bad(
      `The sweep's steps must be a whole number from 2 to ${MAX_SWEEP_STEPS.toLocaleString('en-US')}, got ${steps}.`,
    );
  }
}

/**
 * The learning rate of step `i` of a sweep growing exponentially from `from` to `to` over `steps`
 * steps: `from · (to/from)^(i/(steps−1))`, the lecture's `lrs = 10**torch.linspace(-3, 0, 1000)`.
 */
export function sweepLearningRate(from: number, to: number, steps: number, i: number): number {
  if (i === steps - 1) return to;
  return from * (to / from) ** (i / (steps - 1));
}
