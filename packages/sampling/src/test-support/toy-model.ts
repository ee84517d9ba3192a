import { Vocab } from '@makemore/data';
import type { LanguageModel } from '../language-model.js';

/** Probabilities of the first character a..e in the toy model; every word then ends. */
export const FIRST_CHAR_PROBS = [0.1, 0.2, 0.3, 0.25, 0.15];

/**
 * A model with a known distribution: the first token is a..e with {@link FIRST_CHAR_PROBS}, and any
 * later token is the end token. So every sample is one character long, drawn from a known law.
 */
export function toyModel(
  layout: 'shared' | 'split' = 'shared',
  firstProbs = FIRST_CHAR_PROBS,
): LanguageModel {
  const vocab = Vocab.fromItems(['abcde'], { layout });
  return {
    vocab,
    nextTokenLogProbs(sequences) {
      const out = new Float64Array(sequences.length * vocab.size).fill(-Infinity);
      sequences.forEach((sequence, row) => {
        if (sequence.length === 1) {
          const ids = vocab.encode('abcde');
          firstProbs.forEach((p, i) => {
            out[row * vocab.size + ids[i]!] = Math.log(p);
          });
        } else {
          out[row * vocab.size + vocab.endId] = 0;
        }
      });
      return out;
    },
  };
}

/**
 * A model whose next token is always uniform over a..e and the end token (1/6 each), so items have
 * many characters (5 on average) and a batch of them is different on essentially every draw: two
 * independent items are equal with probability 1/31, twenty items with probability 31⁻²⁰.
 */
export function uniformModel(layout: 'shared' | 'split' = 'shared'): LanguageModel {
  const vocab = Vocab.fromItems(['abcde'], { layout });
  const allowed = [...vocab.encode('abcde'), vocab.endId];
  return {
    vocab,
    nextTokenLogProbs(sequences) {
      const out = new Float64Array(sequences.length * vocab.size).fill(-Infinity);
      for (let row = 0; row < sequences.length; row++)
        for (const id of allowed) out[row * vocab.size + id] = -Math.log(allowed.length);
      return out;
    },
  };
}
