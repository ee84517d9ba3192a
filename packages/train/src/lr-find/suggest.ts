/** One step of a learning-rate sweep. */
export interface LrFindPoint {
  /** The learning rate of the step. */
  readonly lr: number;
  /** The step's batch loss. */
  readonly loss: number;
  /** The exponential moving average of the losses so far, bias-corrected (see `MovingAverage`). */
  readonly smoothed: number;
}

/** A point of the sweep the finder singles out. */
export interface LrFindMark {
  /** Its learning rate. */
  readonly lr: number;
  /** Its index among the sweep's points. */
  readonly index: number;
  /** The smoothed loss there. */
  readonly smoothed: number;
}

/**
 * How far below the smoothed loss's minimum the suggestion lies, in decades of learning rate: half a
 * decade, as the lecture picks 10^-1 where its sweep bottoms out near 10^-0.5. (fastai's older rule
 * took a whole decade.)
 */
export const SUGGESTION_MARGIN_DECADES = 0.5;

function markAt(points: readonly LrFindPoint[], index: number): LrFindMark {
  const { lr, smoothed } = points[index]!;
  return { lr, index, smoothed };
}

/**
 * The lowest point of the smoothed loss: past it the rate is too high to keep improving, and the loss
 * rises and then blows up.
 *
 * @param points - the sweep, in order of rising learning rate
 * @returns the minimum, or null for an empty sweep
 */
export function smoothedMinimum(points: readonly LrFindPoint[]): LrFindMark | null {
  if (points.length === 0) return null;
  let minimum = 0;
  for (let i = 1; i < points.length; i++) if (points[i]!.smoothed < points[minimum]!.smoothed) minimum = i;
  return markAt(points, minimum);
}

/**
 * The rate to train at: the sweep's rate {@link SUGGESTION_MARGIN_DECADES} below the smoothed loss's
 * minimum. The minimum is where the rising rate stops helping, reached after many steps at lower rates;
 * a whole run at one rate is safe a little below it. (The steepest descent, {@link steepestDescent}, is
 * no steadier: from fresh weights most of the early fall is the initial loss being worked off, so it
 * lands a decade lower, near 0.02 for the lecture's MLP on names.txt, and moves with the batches' noise.)
 *
 * @param points - the sweep, in order of rising learning rate
 * @returns the suggestion, or null when the smoothed loss never falls or bottoms out within the margin
 *   of the sweep's first rate (start the sweep lower)
 */
export function suggestLearningRate(points: readonly LrFindPoint[]): LrFindMark | null {
  const minimum = smoothedMinimum(points);
  if (minimum === null || minimum.index === 0) return null;
  const target = Math.log10(minimum.lr) - SUGGESTION_MARGIN_DECADES;
  let index = -1;
  for (let i = 0; i < minimum.index && Math.log10(points[i]!.lr) <= target + 1e-12; i++) index = i;
  return index < 0 ? null : markAt(points, index);
}

/**
 * Where the smoothed loss falls fastest against log10(lr), before its minimum: the central difference
 * of each point's neighbours (one-sided at the ends), as numpy's `gradient` in fastai's `steep`.
 *
 * @param points - the sweep, in order of rising learning rate
 * @returns the point, or null when the smoothed loss never falls
 */
export function steepestDescent(points: readonly LrFindPoint[]): LrFindMark | null {
  const minimum = smoothedMinimum(points);
  if (minimum === null) return null;
  let best: { index: number; slope: number } | null = null;
  for (let i = 0; i <= minimum.index; i++) {
    const before = points[Math.max(0, i - 1)]!;
    const after = points[Math.min(minimum.index, i + 1)]!;
    const run = Math.log10(after.lr) - Math.log10(before.lr);
    if (run <= 0) continue;
    const slope = (after.smoothed - before.smoothed) / run;
    if (slope < 0 && (best === null || slope < best.slope)) best = { index: i, slope };
  }
  return best === null ? null : markAt(points, best.index);
}
