/** The smoothing of a sweep's losses: fastai's learning-rate finder's. */
export const DEFAULT_SMOOTHING = 0.98;

/**
 * An exponential moving average, bias-corrected as Adam's moments are: `avg_i = β·avg_{i−1} +
 * (1−β)·x_i`, reported divided by `1 − β^(i+1)`, so the first values are not pulled towards zero.
 * Fed one value at a time, as a sweep's losses arrive.
 */
export class MovingAverage {
  #average = 0;
  #correction = 1;

  /** @param beta - the decay, in [0, 1) (default {@link DEFAULT_SMOOTHING}) */
  constructor(readonly beta = DEFAULT_SMOOTHING) {}

  /**
   * Takes the next value.
   *
   * @returns the corrected average of the values so far
   */
  add(value: number): number {
    this.#average = this.beta * this.#average + (1 - this.beta) * value;
    this.#correction *= this.beta;
    return this.#average / (1 - this.#correction);
  }
}

/**
 * The bias-corrected moving average (see {@link MovingAverage}) after each value of a series.
 *
 * @param values - the series (batch losses)
 * @param beta - the decay, in [0, 1) (default {@link DEFAULT_SMOOTHING})
 */
export function smoothLosses(values: readonly number[], beta = DEFAULT_SMOOTHING): number[] {
  const average = new MovingAverage(beta);
  return values.map((value) => average.add(value));
}
