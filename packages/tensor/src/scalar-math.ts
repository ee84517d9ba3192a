// Scalar functions that both an op's reference definition (ops/) and a backend's loops (cpu/) use.
// Kept apart from both so that neither imports the other: ops/ reaches the engine, which builds the
// CPU backend when it loads.

/** The logistic sigmoid of one number, without overflow for large |x|. */
export function sigmoidScalar(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}
