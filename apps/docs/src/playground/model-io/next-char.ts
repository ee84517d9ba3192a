import { codePointLabel, type Vocab } from '@makemore/data';
import type { LanguageModel } from '@makemore/sampling';

/** One bar of the next-character chart. */
export interface NextCharProbability {
  /** The token's name in the vocabulary: a character, or `.` / `<START>` / `<END>` for a boundary. */
  token: string;
  /** How the page shows it: `END` / `START` for boundaries, `␠` for a space, escapes or code points for invisible characters. */
  label: string;
  /** Its probability after the prefix. */
  probability: number;
}

// Characters that would show as nothing, or as another one, in a chart's label.
const INVISIBLE = /^[\p{C}\p{Z}]$/u;

/**
 * How a token is shown in the chart: readable whatever the character.
 *
 * @param vocab - the vocabulary
 * @param id - a token id
 */
export function tokenLabel(vocab: Vocab, id: number): string {
  if (id === vocab.endId) return 'END';
  if (id === vocab.startId) return 'START';
  const char = vocab.tokenName(id);
  if (char === ' ') return '␠';
  if (!INVISIBLE.test(char)) return char;
  // JSON escapes control characters (\t, \u0000); the others (a no-break space) get their code point.
  const escaped = JSON.stringify(char).slice(1, -1);
  return escaped !== char ? escaped : codePointLabel(char.codePointAt(0)!);
}

/**
 * The model's distribution of the next token after the start token and `prefix`: one bar per token
 * of the vocabulary, in vocabulary order. For the count bigram it is the row of its probability table
 * for the prefix's last character (the start token's row for an empty prefix).
 *
 * @param model - any model (for one loaded from files, pass the prefix through its `asTrained`)
 * @param prefix - the text typed so far
 * @returns every token with its label and probability (they sum to 1)
 * @throws DataError naming a prefix character outside the vocabulary, in one sentence
 */
export async function nextCharDistribution(
  model: LanguageModel,
  prefix: string,
): Promise<NextCharProbability[]> {
  const { vocab } = model;
  // Vocab.encode names an unknown character (with its code point) and where it is.
  const rows = await model.nextTokenLogProbs([[vocab.startId, ...vocab.encode(prefix)]]);
  return Array.from({ length: vocab.size }, (_, id) => ({
    token: vocab.tokenName(id),
    label: tokenLabel(vocab, id),
    probability: Math.exp(rows[id]!),
  }));
}
