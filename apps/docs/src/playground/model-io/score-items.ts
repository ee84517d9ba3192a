import { describeCharacter } from '@makemore/data';
import { type LanguageModel, scoreWords } from '@makemore/sampling';

/** An item's score under the model, as `makemore score` prints it. */
export interface ItemScore {
  /** The item as given. */
  item: string;
  /** Sum of the natural-log probabilities of its characters and its end token. */
  logLikelihood: number;
  /** Negative log-likelihood per predicted token (its characters and the end token). */
  nll: number;
  /** Tokens predicted: its characters and the end token. */
  tokens: number;
}

/** An item that could not be scored, with the reason. */
export interface UnscoredItem {
  /** The item as given. */
  item: string;
  /** Why, in one sentence: the characters the model never saw in training. */
  error: string;
}

/** Scores of some items and their average. */
export interface ItemScores {
  /** One entry per item, in order: a score, or why it has none. */
  items: (ItemScore | UnscoredItem)[];
  /**
   * Average NLL per token over the scored items (`averageNll` of `@makemore/sampling`: the loss the
   * lectures report); null when none was scored.
   */
  average: number | null;
  /** Tokens the average is over. */
  tokens: number;
}

function unknownCharacters(model: LanguageModel, item: string): string[] {
  return [...new Set([...item].filter((char) => !model.vocab.has(char)))];
}

/**
 * Scores items under a model as `makemore score` does: each item's log-likelihood and NLL per token,
 * and the average NLL over all their tokens. An item with characters outside the vocabulary is not
 * scored (and left out of the average), with the reason, as the CLI reports it; the others still are.
 *
 * @param model - any model (for one loaded from files, pass the items through its `asTrained`)
 * @param items - the items, e.g. the lines a learner typed
 * @returns a score (or the reason for none) per item, and the average
 */
export async function scoreItems(model: LanguageModel, items: readonly string[]): Promise<ItemScores> {
  const scorable = items.filter((item) => unknownCharacters(model, item).length === 0);
  const scores = new Map((await scoreWords(model, scorable)).map((score) => [score.word, score]));
  let total = 0;
  let tokens = 0;
  const results = items.map((item): ItemScore | UnscoredItem => {
    const score = scores.get(item);
    if (score === undefined) {
      const unknown = unknownCharacters(model, item);
      const what = unknown.length === 1 ? 'a character' : 'characters';
      return {
        item,
        error: `It has ${what} the model never saw in training: ${unknown.map(describeCharacter).join(', ')}.`,
      };
    }
    // The same sums averageNll makes, from the scores already computed.
    total -= score.logLikelihood;
    tokens += score.terms.length;
    return {
      item,
      logLikelihood: score.logLikelihood,
      nll: -score.logLikelihood / score.terms.length,
      tokens: score.terms.length,
    };
  });
  return { items: results, average: tokens === 0 ? null : total / tokens, tokens };
}
