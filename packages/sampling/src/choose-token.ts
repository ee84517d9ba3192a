import { type RandomGenerator, sampleIndex } from '@makemore/data';

/** How to turn one row of log-probabilities into a token. */
export interface TokenChoice {
  /** Divides the log-probabilities; 0 means greedy (the most likely token). */
  temperature: number;
  /** Keep only the k most likely tokens (ties at the k-th value are kept too). */
  topK: number | undefined;
  /** Keep the smallest set of most likely tokens whose probability reaches p. */
  topP: number | undefined;
}

/** Index of the largest value; the lowest index wins ties, so greedy decoding is deterministic. */
function argmax(values: ArrayLike<number>, offset: number, length: number): number {
  let best = 0;
  for (let i = 1; i < length; i++) if (values[offset + i]! > values[offset + best]!) best = i;
  return best;
}

/**
 * Picks the next token from one row of log-probabilities, after temperature, top-k and top-p
 * filtering. Tokens listed in `banned` are never picked (the split layout's `<START>`).
 *
 * @param logProbs - B × V log-probabilities
 * @param row - which row
 * @param size - V
 * @param choice - temperature and filters
 * @param banned - token ids that must not be emitted
 * @param rng - advanced by one draw unless the choice is greedy
 * @returns a token id, or -1 if every token is impossible
 */
export function chooseToken(
  logProbs: ArrayLike<number>,
  row: number,
  size: number,
  choice: TokenChoice,
  banned: ReadonlySet<number>,
  rng: RandomGenerator,
): number {
  const scaled = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const value = logProbs[row * size + i]!;
    scaled[i] = banned.has(i) || Number.isNaN(value) ? -Infinity : value;
  }
  const best = argmax(scaled, 0, size);
  if (scaled[best] === -Infinity) return -1;
  if (choice.temperature === 0) return best;
  // Softmax of logp / T, shifted by the maximum for stability.
  const weights = new Float64Array(size);
  for (let i = 0; i < size; i++) weights[i] = Math.exp((scaled[i]! - scaled[best]!) / choice.temperature);
  const order = [...weights.keys()].sort((a, b) => weights[b]! - weights[a]! || a - b);
  if (choice.topK !== undefined && choice.topK < size) {
    const threshold = weights[order[choice.topK - 1]!]!;
    for (let i = 0; i < size; i++) if (weights[i]! < threshold) weights[i] = 0;
  }
  if (choice.topP !== undefined && choice.topP < 1) {
    let total = 0;
    for (const i of order) total += weights[i]!;
    let cumulative = 0;
    let keep = true;
    for (const i of order) {
      if (!keep) weights[i] = 0;
      cumulative += weights[i]!;
      // The token that crosses p stays in the nucleus; everything after it goes.
      if (cumulative >= choice.topP * total) keep = false;
    }
  }
  return sampleIndex(weights, rng);
}
