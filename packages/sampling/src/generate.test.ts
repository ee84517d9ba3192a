import { DataError } from '@makemore/data';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { generate } from './generate.js';
import type { LanguageModel } from './language-model.js';
import { SamplingError } from './sampling-error.js';
import { FIRST_CHAR_PROBS, toyModel, uniformModel } from './test-support/toy-model.js';

afterEach(() => vi.restoreAllMocks());

function frequencies(samples: readonly string[]): number[] {
  return [...'abcde'].map((c) => samples.filter((s) => s === c).length);
}

/** Pearson's chi-square statistic of observed counts against expected probabilities. */
function chiSquare(observed: readonly number[], probs: readonly number[]): number {
  const n = observed.reduce((a, b) => a + b, 0);
  return observed.reduce((sum, o, i) => sum + (o - n * probs[i]!) ** 2 / (n * probs[i]!), 0);
}

// 99.9th percentile of chi-square with 4 degrees of freedom: a correct sampler exceeds it 1 time in 1000.
const CHI2_4DF_P001 = 18.467;

describe('generate', () => {
  test('sampling frequencies match the model (chi-square)', async () => {
    const samples = await generate(toyModel(), { count: 20_000, seed: 1 });
    expect(chiSquare(frequencies(samples), FIRST_CHAR_PROBS)).toBeLessThan(CHI2_4DF_P001);
  });

  test('the chi-square test rejects a sampler that ignores the model', () => {
    // Uniform frequencies, what a broken sampler would give, fail the same threshold.
    expect(chiSquare([4000, 4000, 4000, 4000, 4000], FIRST_CHAR_PROBS)).toBeGreaterThan(CHI2_4DF_P001);
  });

  test('temperature scales the distribution as softmax(log p / T)', async () => {
    const t = 0.5;
    const scaled = FIRST_CHAR_PROBS.map((p) => p ** (1 / t));
    const total = scaled.reduce((a, b) => a + b, 0);
    const samples = await generate(toyModel(), { count: 20_000, seed: 2, temperature: t });
    expect(
      chiSquare(
        frequencies(samples),
        scaled.map((p) => p / total),
      ),
    ).toBeLessThan(CHI2_4DF_P001);
  });

  test('a temperature near 0 is greedy', async () => {
    const cold = await generate(toyModel(), { count: 50, seed: 3, temperature: 1e-9 });
    const greedy = await generate(toyModel(), { count: 50, seed: 4, greedy: true });
    expect(new Set(cold)).toEqual(new Set(['c']));
    expect(greedy).toEqual(cold);
  });

  test('top-k never emits a token outside the k most likely, and emits each of them', async () => {
    const samples = await generate(toyModel(), { count: 5_000, seed: 5, topK: 2 });
    expect(new Set(samples)).toEqual(new Set(['c', 'd']));
    // Renormalised over the two kept tokens: 0.3 / 0.55 of the samples are 'c'.
    expect(samples.filter((s) => s === 'c').length / samples.length).toBeCloseTo(0.3 / 0.55, 1);
  });

  test('top-p never emits a token outside the nucleus', async () => {
    // Sorted: c 0.3, d 0.25, b 0.2 (cumulative 0.75 ≥ 0.7), then e and a are cut.
    const samples = await generate(toyModel(), { count: 5_000, seed: 6, topP: 0.7 });
    expect(new Set(samples)).toEqual(new Set(['c', 'd', 'b']));
  });

  test('the same seed gives the same items; another seed others', async () => {
    const a = await generate(toyModel(), { count: 100, seed: 7 });
    expect(await generate(toyModel(), { count: 100, seed: 7 })).toEqual(a);
    expect(await generate(toyModel(), { count: 100, seed: 8 })).not.toEqual(a);
  });

  test('the first items of a seed are the same whatever the count', async () => {
    const five = await generate(uniformModel(), { count: 5, seed: 12 });
    const twenty = await generate(uniformModel(), { count: 20, seed: 12 });
    // The items have several characters each, so a shared generator would interleave their draws.
    expect(twenty.slice(0, 5)).toEqual(five);
    expect(five.some((item) => item.length > 1)).toBe(true);
    expect(await generate(uniformModel(), { count: 1, seed: 12 })).toEqual(five.slice(0, 1));
  });

  test('the items of a seed are the same whatever the batch size', async () => {
    const all = await generate(uniformModel(), { count: 20, seed: 13 });
    expect(await generate(uniformModel(), { count: 20, seed: 13, batchSize: 1 })).toEqual(all);
    expect(await generate(uniformModel(), { count: 20, seed: 13, batchSize: 7 })).toEqual(all);
    // Also with a prefix, top-k and a temperature, which change the draws but not whose they are.
    const shaped = { count: 12, seed: 13, prefix: 'ab', topK: 3, temperature: 0.7 };
    expect(await generate(uniformModel(), { ...shaped, batchSize: 5 })).toEqual(
      await generate(uniformModel(), shaped),
    );
  });

  test('neighbouring seeds give different items, and no item repeats the stream of another', async () => {
    const runs = await Promise.all([0, 1, 2].map((seed) => generate(uniformModel(), { count: 20, seed })));
    expect(runs[1]).not.toEqual(runs[0]);
    expect(runs[2]).not.toEqual(runs[1]);
    // Seed s + 1 is not seed s shifted by one item.
    expect(runs[1]!.slice(0, 19)).not.toEqual(runs[0]!.slice(1));
  });

  test('without a seed a fresh one is drawn from crypto.getRandomValues', async () => {
    const a = await generate(uniformModel(), { count: 20 });
    const b = await generate(uniformModel(), { count: 20 });
    expect(a).toHaveLength(20);
    for (const item of a) expect(item).toMatch(/^[a-e]*$/);
    // Twenty independent items are all equal with probability 31^-20 (and the seeds with 2^-32).
    expect(b).not.toEqual(a);
    vi.spyOn(crypto, 'getRandomValues').mockImplementation((array) => {
      new Uint32Array(array.buffer, array.byteOffset, 1)[0] = 0xffff_fffe;
      return array;
    });
    expect(await generate(uniformModel(), { count: 20 })).toEqual(
      await generate(uniformModel(), { count: 20, seed: 0xffff_fffe }),
    );
  });

  test('items start with the prefix, and an unknown prefix character is a DataError', async () => {
    const samples = await generate(toyModel(), { count: 20, seed: 9, prefix: 'e' });
    for (const sample of samples) expect(sample).toMatch(/^e$/);
    await expect(generate(toyModel(), { count: 1, seed: 9, prefix: 'z' })).rejects.toThrow(DataError);
    await expect(generate(toyModel(), { count: 1, seed: 9, prefix: 'z' })).rejects.toThrow(
      /Unknown character 'z'/,
    );
  });

  test('maxLength cuts items that never end', async () => {
    const vocab = toyModel().vocab;
    const neverEnds: LanguageModel = {
      vocab,
      nextTokenLogProbs: (sequences) => {
        const out = new Float64Array(sequences.length * vocab.size).fill(-Infinity);
        for (let row = 0; row < sequences.length; row++) out[row * vocab.size + 1] = 0;
        return out;
      },
    };
    expect(await generate(neverEnds, { count: 3, seed: 1, maxLength: 7 })).toEqual([
      'aaaaaaa',
      'aaaaaaa',
      'aaaaaaa',
    ]);
  });

  test('the split layout never emits <START>, even where the model gives it probability', async () => {
    const model = toyModel('split');
    const start = model.vocab.startId;
    const leaky: LanguageModel = {
      vocab: model.vocab,
      nextTokenLogProbs: async (sequences) => {
        const out = Float64Array.from(await model.nextTokenLogProbs(sequences));
        for (let row = 0; row < sequences.length; row++) out[row * model.vocab.size + start] = Math.log(0.5);
        return out;
      },
    };
    const samples = await generate(leaky, { count: 500, seed: 11 });
    for (const sample of samples) expect(sample).toMatch(/^[a-e]$/);
  });

  test.each([
    [{ count: -1 }, /number of items/],
    [{ temperature: -0.1 }, /temperature/],
    [{ temperature: Number.NaN }, /temperature/],
    [{ topK: 0 }, /top-k/],
    [{ topP: 0 }, /top-p/],
    [{ topP: 1.5 }, /top-p/],
    [{ maxLength: 0 }, /maximum length/],
    [{ seed: -1 }, /seed must be a whole number from 0 to 4294967295, not -1/],
    [{ seed: 1.5 }, /seed/],
    [{ seed: 2 ** 32 }, /seed/],
    [{ seed: Number.NaN }, /seed/],
  ])('rejects %j with a clear SamplingError', async (patch, message) => {
    const run = generate(toyModel(), { count: 1, seed: 1, ...patch });
    await expect(run).rejects.toThrow(SamplingError);
    await expect(run).rejects.toMatchObject({ code: 'BAD_OPTION' });
    await expect(generate(toyModel(), { count: 1, seed: 1, ...patch })).rejects.toThrow(message);
  });

  test('asks plain JavaScript callers without options for a count', async () => {
    const untyped = generate as (model: unknown, options?: unknown) => Promise<string[]>;
    await expect(untyped(toyModel())).rejects.toMatchObject({
      name: 'SamplingError',
      code: 'BAD_ARGUMENT',
      message:
        'generate needs options with at least a count, e.g. generate(model, { count: 10, seed: 42 }) (the seed is optional).',
    });
  });
});
