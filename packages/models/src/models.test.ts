import { Generator, tensor } from '@makemore/tensor';
import { gradcheck } from '@makemore/tensor/testing';
import { describe, expect, it } from 'vitest';
import { resolveHyperparameters } from './hyperparameters.js';
import { MODEL_REGISTRY } from './registry.js';

// Tiny versions of every model: output shapes, an initial loss near -log(1/V) where the lecture's
// init aims for it, and a composite gradcheck of the whole model in float64.
const V = 5;
const tiny: Record<string, Record<string, number>> = {
  'bigram-nn': {},
  mlp: { blockSize: 2, nEmbd: 2, nHidden: 3 },
  'mlp-bn': { blockSize: 2, nEmbd: 2, nHidden: 3 },
  wavenet: { blockSize: 4, nEmbd: 2, nHidden: 3 },
  rnn: { blockSize: 3, nEmbd: 2, nEmbd2: 3 },
  gru: { blockSize: 3, nEmbd: 2, nEmbd2: 3 },
  lstm: { blockSize: 3, nEmbd: 2, nEmbd2: 3 },
  bow: { blockSize: 3, nEmbd: 2, nEmbd2: 3 },
  transformer: { blockSize: 3, nLayer: 1, nHead: 2, nEmbd: 4 },
};

function batch(format: 'window' | 'sequence', blockSize: number) {
  const x = tensor(
    format === 'window'
      ? [...Array(4 * blockSize).keys()].map((i) => (i * 7) % V)
      : [0, 1, 2, 0, 3, 4, 0, 2, 1].slice(0, 3 * blockSize),
    { dtype: 'int32', shape: format === 'window' ? [4, blockSize] : [3, blockSize] },
  );
  const y = tensor(
    format === 'window' ? [1, 2, 3, 4] : [1, 2, 0, 3, 4, -1, 2, 1, 0].slice(0, 3 * blockSize),
    {
      dtype: 'int32',
      shape: format === 'window' ? [4] : [3, blockSize],
    },
  );
  return { x, y };
}

describe.each([...MODEL_REGISTRY.keys()])('%s', (name) => {
  const entry = MODEL_REGISTRY.get(name)!;
  const h = resolveHyperparameters(entry, tiny[name]);

  it('gives logits of the documented shape', () => {
    const model = entry.create(h, { vocabSize: V, generator: new Generator(1) });
    const { x } = batch(entry.dataFormat, model.blockSize);
    const logits = model.logits(x);
    expect(logits.shape).toEqual(entry.dataFormat === 'window' ? [4, V] : [3, model.blockSize, V]);
    expect(model.dataFormat).toBe(entry.dataFormat);
    expect(model.name).toBe(name);
  });

  it('passes a gradcheck of its loss with respect to every parameter (float64)', () => {
    const model = entry.create(h, { vocabSize: V, generator: new Generator(2), dtype: 'float64' });
    const { x, y } = batch(entry.dataFormat, model.blockSize);
    const result = gradcheck(() => model.loss(x, y), model.parameters(), { atol: 1e-6, rtol: 1e-4 });
    expect(result.checked).toBe(model.numParameters());
  });
});

describe('initial loss', () => {
  // Not bow: makemore's BoW has no norm, so its residual stream (two standard-normal embeddings plus
  // their running mean) gives logits large enough to start about 0.8 above -log(1/27), in PyTorch too.
  it.each(['mlp-bn', 'wavenet', 'rnn', 'gru', 'lstm', 'transformer'])(
    '%s starts near -log(1/27) on names-sized vocabularies, as the lecture init intends',
    (name) => {
      const entry = MODEL_REGISTRY.get(name)!;
      const h = resolveHyperparameters(entry, entry.dataFormat === 'sequence' ? { blockSize: 8 } : {});
      const model = entry.create(h, { vocabSize: 27, generator: new Generator(3) });
      const g = new Generator(4);
      const rows = 32;
      const X = new Int32Array(rows * model.blockSize);
      g.fillIntegers(X, 0, 27);
      const Y = new Int32Array(entry.dataFormat === 'window' ? rows : rows * model.blockSize);
      g.fillIntegers(Y, 0, 27);
      const loss = model
        .nll(
          tensor(X, { shape: [rows, model.blockSize] }),
          tensor(Y, { shape: entry.dataFormat === 'window' ? [rows] : [rows, model.blockSize] }),
        )
        .item();
      expect(Math.abs(loss - Math.log(27))).toBeLessThan(0.25);
    },
  );
});

describe('bigram-nn', () => {
  it('adds the L2 term to the loss but not to the nll', () => {
    const entry = MODEL_REGISTRY.get('bigram-nn')!;
    const model = entry.create(resolveHyperparameters(entry, { regularization: 0.5 }), {
      vocabSize: V,
      generator: new Generator(0),
    });
    const { x, y } = batch('window', 1);
    const w2 = (model.parameters()[0]!.dataSync() as Float32Array).reduce((s, w) => s + w * w, 0) / (V * V);
    expect(model.loss(x, y).item() - model.nll(x, y).item()).toBeCloseTo(0.5 * w2, 5);
  });
});
