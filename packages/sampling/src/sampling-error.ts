/** An option of generate or score that cannot work; the message says which and why. */
export class SamplingError extends Error {
  override name = 'SamplingError';
}
