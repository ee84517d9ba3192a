import { expect, test } from 'vitest';
import { SamplingError } from './sampling-error.js';
import { averageNll, scoreWords } from './score.js';
import { FIRST_CHAR_PROBS, toyModel } from './test-support/toy-model.js';

test('a word scores the sum of its per-token log-probabilities', async () => {
  const [score] = await scoreWords(toyModel(), ['c']);
  expect(score!.terms).toEqual([
    { context: '.', next: 'c', probability: expect.closeTo(0.3, 12), logProbability: Math.log(0.3) },
    { context: '.c', next: '.', probability: 1, logProbability: 0 },
  ]);
  expect(score!.logLikelihood).toBe(Math.log(0.3));
});

test('an impossible word has log-likelihood -Infinity', async () => {
  const [score] = await scoreWords(toyModel(), ['ab']);
  expect(score!.logLikelihood).toBe(-Infinity);
  expect(score!.terms[1]!.probability).toBe(0);
});

test('an unknown character is an error naming it', async () => {
  await expect(scoreWords(toyModel(), ['a', 'aé'])).rejects.toThrow(
    /Unknown character 'é' \(U\+00E9\) at position 1/,
  );
});

test('averageNll is the mean NLL per predicted token, across batches', async () => {
  const items = ['a', 'b', 'c', 'd', 'e'];
  const expected = -FIRST_CHAR_PROBS.reduce((sum, p) => sum + Math.log(p), 0) / 10;
  for (const batchSize of [1, 2, 1024]) {
    const { nll, tokens } = await averageNll(toyModel(), items, batchSize);
    expect(tokens).toBe(10);
    expect(nll).toBeCloseTo(expected, 12);
  }
});

// Plain JavaScript callers can pass one word where TypeScript would demand an array.
const untyped = (value: unknown) => value as readonly string[];

test('one word instead of an array is a SamplingError that shows the array form', async () => {
  const scoring = scoreWords(toyModel(), untyped('emma'));
  await expect(scoring).rejects.toThrow(SamplingError);
  await expect(scoring).rejects.toMatchObject({
    code: 'BAD_ARGUMENT',
    message: "scoreWords takes an array of words, not one string ('emma'); e.g. scoreWords(model, ['emma']).",
  });
  await expect(averageNll(toyModel(), untyped('emma'))).rejects.toMatchObject({
    code: 'BAD_ARGUMENT',
    message: "averageNll takes an array of words, not one string ('emma'); e.g. averageNll(model, ['emma']).",
  });
});

test('averageNll refuses a batch size that would never advance', async () => {
  await expect(averageNll(toyModel(), ['a'], 0)).rejects.toMatchObject({
    code: 'BAD_OPTION',
    message: 'The batch size must be a whole number of at least 1, not 0.',
  });
});
