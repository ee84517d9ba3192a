import { getModelEntry } from '@makemore/models';
import { scoreWords, type WordScore } from '@makemore/sampling';
import { COUNT_BIGRAM, COUNT_NGRAM, type ModelConfig } from '@makemore/train';
import { loadModel } from '../load-model.js';
import { asTrained, listCharacters, unknownCharacters } from '../model-input.js';
import { type CommandContext, formatTable, writeJsonLine } from '../output.js';
import type { ScoreOptions } from './score.js';

/** Thrown after every word is printed when some could not be scored: exit 1, nothing more to say. */
export class SomeWordsFailed extends Error {
  override name = 'SomeWordsFailed';
}

/** How many tokens the model reads before each character, and whether short contexts are padded. */
function contextShape(config: ModelConfig): { size: number; padded: boolean } {
  const h = config.hyperparameters;
  if (config.model === COUNT_BIGRAM) return { size: 1, padded: false };
  // The n-gram reads its n − 1 last tokens, padded with the start token as a window model's are.
  if (config.model === COUNT_NGRAM) return { size: Number(h['n']) - 1, padded: true };
  // The neural bigram has no block size: it reads one token.
  const size = typeof h['blockSize'] === 'number' ? h['blockSize'] : 1;
  return { size, padded: getModelEntry(config.model).dataFormat === 'window' };
}

/**
 * What the model reads before each character: one token for a bigram, `n − 1` for an n-gram,
 * `blockSize` tokens for a window model (padded with the start token, as it sees them), up to
 * `blockSize` for a sequence model.
 */
function contextReader(config: ModelConfig): (tokens: readonly string[]) => string {
  const { size, padded } = contextShape(config);
  const start = config.vocab.tokenName(config.vocab.startId);
  return (tokens) => {
    const seen = tokens.slice(-size);
    const padding = padded ? Array(size - seen.length).fill(start) : [];
    return [...padding, ...seen].join('');
  };
}

function printScore(
  score: WordScore,
  options: ScoreOptions,
  context: CommandContext,
  read: (t: string[]) => string,
): void {
  const tokens = score.terms.length;
  const nll = -score.logLikelihood / tokens;
  // Terms' contexts grow by one token each: the start token, then the word's characters.
  const contexts = score.terms.map((_, i) => read([score.terms[0]!.context, ...[...score.word].slice(0, i)]));
  if (options.json) {
    const terms = score.terms.map((t, i) => ({ ...t, context: contexts[i]! }));
    writeJsonLine(context.stdout, {
      word: score.word,
      logLikelihood: score.logLikelihood,
      nll,
      tokens,
      ...(options.detail ? { terms } : {}),
    });
    return;
  }
  context.stdout.write(
    `${score.word}\tlog-likelihood ${score.logLikelihood.toFixed(4)}\tNLL ${nll.toFixed(4)} per token\n`,
  );
  if (options.detail) {
    const rows = score.terms.map((t, i) => [
      `  ${contexts[i]!}`,
      t.next,
      t.probability.toFixed(4),
      t.logProbability.toFixed(4),
    ]);
    context.stdout.write(`${formatTable([['  context', 'next', 'prob', 'logprob'], ...rows])}\n`);
  }
}

/**
 * Scores each word under the model, in order. A word with characters outside the vocabulary is
 * reported (on stderr, or as an `error` object with `--json`) and the others are still scored.
 *
 * @throws SomeWordsFailed after printing, when any word could not be scored
 */
export async function runScore(
  words: readonly string[],
  options: ScoreOptions,
  context: CommandContext,
): Promise<void> {
  const { config, model } = await loadModel(options.modelDir);
  const read = contextReader(config);
  let failed = 0;
  for (const given of words) {
    const word = asTrained(config, given);
    const unknown = unknownCharacters(model.vocab, word);
    if (unknown.length > 0) {
      failed++;
      const reason = `it has ${unknown.length === 1 ? 'a character' : 'characters'} the model never saw in training: ${listCharacters(unknown)}`;
      if (options.json) writeJsonLine(context.stdout, { word: given, error: reason });
      else context.stderr.write(`${given}: not scored, ${reason}.\n`);
      continue;
    }
    const [score] = await scoreWords(model, [word]);
    printScore(score!, options, context, read);
  }
  if (failed > 0) {
    throw new SomeWordsFailed(`${failed} of ${words.length} words could not be scored.`);
  }
}
