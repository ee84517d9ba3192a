import { Vocab } from '@makemore/data';
import { averageNll, generate } from '@makemore/sampling';
import { Generator, getDefaultBackend, setDefaultBackend, tensor } from '@makemore/tensor';
import { AsyncReadbackBackend } from '@makemore/tensor/testing';
import { describe, expect, it } from 'vitest';
import { buildDataset } from './data-format.js';
import { resolveHyperparameters } from './hyperparameters.js';
import { asLanguageModel } from './language-model.js';
import { getModelEntry } from './registry.js';

const items = ['emma', 'olivia', 'ava', 'isabella', 'sophia', 'mia'];
const vocab = Vocab.fromItems(items);
const V = vocab.size;

function build(name: string, overrides: Record<string, number> = {}) {
  const entry = getModelEntry(name);
  const h = resolveHyperparameters(entry, overrides, { items });
  return entry.create(h, { vocabSize: V, generator: new Generator(7) });
}

function rowLogSumExp(rows: ArrayLike<number>, r: number): number {
  let s = 0;
  for (let j = 0; j < V; j++) s += Math.exp(rows[r * V + j]!);
  return Math.log(s);
}

describe('asLanguageModel', () => {
  it('left-pads window models with the start token, like the lecture sampling loop', async () => {
    const model = build('mlp', { blockSize: 3, nEmbd: 4, nHidden: 8 });
    const lm = asLanguageModel(model, vocab);
    const e = vocab.stoi('e');
    const m = vocab.stoi('m');
    const a = vocab.stoi('a');
    const out = await lm.nextTokenLogProbs([[0], [0, e], [0, e, m, m, a]]);
    const expected = model
      .logits(
        tensor(
          [
            [0, 0, 0],
            [0, 0, e],
            [m, m, a],
          ],
          { dtype: 'int32' },
        ),
      )
      .logSoftmax(-1);
    expect(Array.from(out)).toBeAllClose(expected.dataSync(), { atol: 1e-6 });
    for (let r = 0; r < 3; r++) expect(rowLogSumExp(out, r)).toBeCloseTo(0, 5);
  });

  it('uses running statistics (eval mode) and restores training mode', async () => {
    const model = build('mlp-bn', { nHidden: 8 });
    expect(model.training).toBe(true);
    const lm = asLanguageModel(model, vocab);
    const one = await lm.nextTokenLogProbs([[0, 1]]);
    const batch = await lm.nextTokenLogProbs([
      [0, 1],
      [0, 2, 3],
    ]);
    // In eval mode a row does not depend on the other rows of the batch.
    expect(Array.from(batch.subarray(0, V))).toBeAllClose(Array.from(one), { atol: 1e-6 });
    expect(model.training).toBe(true);
  });

  it.each(['rnn', 'gru', 'lstm', 'bow', 'transformer'])(
    '%s: ragged sequences give the same rows as one at a time (makemore convention)',
    async (name) => {
      const model = build(
        name,
        name === 'transformer' ? { nLayer: 1, nEmbd: 8, nHead: 2 } : { nEmbd: 4, nEmbd2: 5 },
      );
      const lm = asLanguageModel(model, vocab);
      const seqs = [[0], [0, 3, 4], [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 1, 2]]; // the last is longer than blockSize 9
      const together = await lm.nextTokenLogProbs(seqs);
      for (const [r, seq] of seqs.entries()) {
        const alone = await lm.nextTokenLogProbs([seq]);
        expect(Array.from(together.subarray(r * V, (r + 1) * V))).toBeAllClose(Array.from(alone), {
          atol: 1e-5,
        });
      }
      // Cropping: only the last blockSize tokens matter.
      const cropped = await lm.nextTokenLogProbs([seqs[2]!.slice(-model.blockSize)]);
      expect(Array.from(together.subarray(2 * V))).toBeAllClose(Array.from(cropped), { atol: 1e-5 });
    },
  );

  it('agrees with the training loss: averageNll over the items equals the nll of makemore sequences', async () => {
    const model = build('gru', { nEmbd: 4, nEmbd2: 5 });
    const lm = asLanguageModel(model, vocab);
    const data = buildDataset('sequence', items, vocab, model.blockSize);
    const nll = model
      .nll(
        tensor(data.X, { shape: [data.count, data.blockSize] }),
        tensor(data.Y, { shape: [data.count, data.blockSize] }),
      )
      .item();
    expect((await averageNll(lm, items)).nll).toBeCloseTo(nll, 4);
  });

  it('samples words with @makemore/sampling', async () => {
    const lm = asLanguageModel(build('bigram-nn'), vocab);
    const words = await generate(lm, { count: 3, seed: 1 });
    expect(words).toHaveLength(3);
  });

  it('rejects a vocabulary of another size', () => {
    expect(() => asLanguageModel(build('mlp'), Vocab.fromItems(['ab']))).toThrow(
      /has 3 tokens but the model was built for/,
    );
  });
});

describe('asLanguageModel on a backend that reads back only asynchronously (as WebGPU)', () => {
  it('answers with a promise of the same rows, and generate draws the same words', async () => {
    const seqs = [[0], [0, 1, 2]];
    const options = { count: 5, seed: 11 };
    const sameModel = () => build('transformer', { nLayer: 1, nHead: 2, nEmbd: 8 });
    const cpu = asLanguageModel(sameModel(), vocab);
    const cpuRows = Array.from(await cpu.nextTokenLogProbs(seqs));
    const cpuWords = await generate(cpu, options);
    const previous = getDefaultBackend();
    setDefaultBackend(new AsyncReadbackBackend());
    try {
      const lm = asLanguageModel(sameModel(), vocab);
      const pending = lm.nextTokenLogProbs(seqs);
      expect(pending).toBeInstanceOf(Promise);
      expect(Array.from(await pending)).toEqual(cpuRows);
      expect(await generate(lm, options)).toEqual(cpuWords);
    } finally {
      setDefaultBackend(previous);
    }
  });
});
