/**
 * Draws a fresh seed for {@link generate} from the platform's cryptographic generator
 * (`crypto.getRandomValues`, in Node ≥ 20 and every browser). `generate` draws one itself when no
 * seed is given; draw it here instead to report it, so that the run can be repeated with that seed.
 *
 * @returns an integer from 0 to 2³² − 1 (`MAX_SEED` of `@makemore/data`), different on each call
 *   but for a one-in-four-billion chance
 * @example
 * ```ts
 * const seed = drawSeed();
 * const names = await generate(model, { count: 10, seed });
 * console.log(`seed ${seed}`); // the same seed gives the same names again
 * ```
 */
export function drawSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}
